package io.quantstream.model;

/**
 * The scores of every symbol of a universe at one bar. Emitted once per (universe, interval, bar):
 * when all symbols have reported, or when the watermark passes the bar with only some of them
 * ({@link #complete} false, the absent ones in {@link #missing}). Every symbol of the universe
 * is in exactly one of {@link #scores}, {@link #unscored} and {@link #missing}, so a consumer
 * knows the whole universe and why a symbol has no score. Stream record timestamp:
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
    /** Symbols of the universe that had not reported when the bar was emitted, sorted. */
    public String[] missing;
    /** Scores of the symbols that reported with every weighted factor finite, sorted by symbol. */
    public SymbolScore[] scores;
    /**
     * Symbols that reported but got no score, sorted by symbol, each with its reason and close.
     * {@link #scores}, {@code unscored} and {@link #missing} together name every symbol of the
     * universe once.
     */
    public UnscoredSymbol[] unscored;

    public CrossSection() {}
}
