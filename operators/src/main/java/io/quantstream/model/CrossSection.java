package io.quantstream.model;

/**
 * The scores of every symbol of a universe at one bar. Emitted once per (universe, interval, bar):
 * when all symbols have reported, or when the watermark passes the bar with only some of them
 * ({@link #complete} false, the absent ones in {@link #missing}). Stream record timestamp:
 * {@link #closeTime}.
 */
public class CrossSection {
    /** Universe name from the configuration. */
    public String universe;
    public String interval;
    /** Bar open time, epoch ms UTC. */
    public long openTime;
    /** Bar close time, epoch ms UTC. */
    public long closeTime;
    /** True when every symbol of the universe reported for this bar. */
    public boolean complete;
    /** Symbols of the universe that had not reported when the bar was emitted. */
    public String[] missing;
    /** Scores, sorted by symbol; symbols whose factors were still warming up are left out. */
    public SymbolScore[] scores;

    public CrossSection() {}
}
