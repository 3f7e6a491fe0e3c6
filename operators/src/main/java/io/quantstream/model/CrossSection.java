package io.quantstream.model;

/**
 * The scores of every instrument of a universe at one bar. Emitted once per (universe, interval,
 * bar): when all instruments have reported, or when the watermark passes the bar with only some
 * of them ({@link #complete} false, the absent ones in {@link #missing}). Every instrument of the
 * universe is in exactly one of {@link #scores}, {@link #unscored} and {@link #missing}, so a
 * consumer knows the whole universe and why an instrument has no score. Stream record timestamp:
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
    /** True when every instrument of the universe reported for this bar. */
    public boolean complete;
    /**
     * Instruments of the universe that had not reported when the bar was emitted, as keys
     * {@code MARKET:SYMBOL} ({@link Instrument#key}), sorted.
     */
    public String[] missing;
    /** Scores of the instruments that reported with every weighted factor finite, by key. */
    public SymbolScore[] scores;
    /**
     * Instruments that reported but got no score, by key, each with its reason and close.
     * {@link #scores}, {@code unscored} and {@link #missing} together name every instrument of
     * the universe once.
     */
    public UnscoredSymbol[] unscored;

    public CrossSection() {}
}
