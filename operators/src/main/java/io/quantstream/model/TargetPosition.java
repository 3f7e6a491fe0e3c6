package io.quantstream.model;

import java.math.BigDecimal;

/**
 * The position a strategy wants to hold in one instrument (market and symbol) from {@link #time}
 * on. Signed: positive long, negative short. {@code quantity = weight × equity / price}. At every
 * rebalance (every cross-section) each instrument of the universe gets one: an instrument without
 * a score gets weight 0 and quantity 0, with the {@link #reason}, so the latest target per
 * instrument always sums to 0. Its identity is ({@link #reference}, market, symbol).
 */
public class TargetPosition {
    /** {@link #reason}: absent from an incomplete cross-section ({@link CrossSection#missing}). */
    public static final String NOT_REPORTED = "not-reported";
    /** {@link #reason}: a weighted factor not finite ({@link UnscoredSymbol#FACTOR_NOT_FINITE}). */
    public static final String FACTOR_NOT_FINITE = UnscoredSymbol.FACTOR_NOT_FINITE;
    /** {@link #reason}: a weighted factor warming up ({@link UnscoredSymbol#FACTOR_NOT_WARM}). */
    public static final String FACTOR_NOT_WARM = UnscoredSymbol.FACTOR_NOT_WARM;
    /** {@link #reason}: scored, but the bar's close is missing or not positive (a dead letter). */
    public static final String INVALID_CLOSE = "invalid-close";
    /** {@link #reason}: in earlier cross-sections, no longer in the universe (emitted once). */
    public static final String LEFT_UNIVERSE = "left-universe";
    /** {@link #reason}: taken to zero by a {@link ControlCommand#FLAT} (then frozen until RESUME). */
    public static final String FLAT = "flat";
    /**
     * {@link #reason}: the last target restated, unchanged, when a {@link ControlCommand#STOP}
     * takes effect; no other target follows until RESUME.
     */
    public static final String STOPPED = "stopped";

    /** Decision time: the close time of the bar the decision was made on, epoch ms UTC. */
    public long time;
    public Market market;
    public String symbol;
    /** Fraction of equity (signed); the strategy's weights sum to 0 (dollar-neutral). */
    public double weight;
    /** Signed quantity in base currency (COIN-M: contracts), 8 decimal places. */
    public BigDecimal quantity;
    /**
     * Price the quantity was sized at, quote currency: the bar's close; for an instrument without
     * a score, its last known close (this bar's when it reported one), or null if none is known.
     */
    public BigDecimal price;
    /** Name of the strategy that wants the position. */
    public String reference;
    /**
     * Null when the weight comes from the instrument's score (it can be 0 too, e.g. all scores
     * equal); otherwise why the instrument has no score and weight 0: {@link #NOT_REPORTED},
     * {@link #FACTOR_NOT_WARM}, {@link #FACTOR_NOT_FINITE}, {@link #INVALID_CLOSE} or
     * {@link #LEFT_UNIVERSE}; or a control
     * command's doing: {@link #FLAT} (weight 0) or {@link #STOPPED} (the frozen target, restated).
     */
    public String reason;

    public TargetPosition() {}

    /** Signed notional, quote currency: {@code quantity × price}; 0 when no price is known. */
    public BigDecimal notional() {
        return price == null ? BigDecimal.ZERO : quantity.multiply(price);
    }

    @Override
    public String toString() {
        return reference + " " + market + ":" + symbol + " @" + time + " w=" + weight + " q=" + quantity
                + (reason == null ? "" : " (" + reason + ")");
    }
}
