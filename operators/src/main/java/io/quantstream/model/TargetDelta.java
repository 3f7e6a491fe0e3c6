package io.quantstream.model;

import java.math.BigDecimal;

/**
 * The change of one target position to the previous target of the same strategy and instrument:
 * what an order router trades to get from the one to the other. Emitted next to every target
 * whose quantity changed, and next to every target of a FLAT (even one already at zero, so the
 * router sees the whole strategy flattened). Its identity is ({@link #reference}, market, symbol,
 * {@link #time}). Stream record timestamp: {@link #time}.
 */
public class TargetDelta {
    /** Decision time of the new target, epoch ms UTC. */
    public long time;
    public Market market;
    public String symbol;
    /** Strategy name. */
    public String reference;
    /**
     * Decision time of the previous target, or null when this is the key's first target. That
     * target may have had no delta (same quantity as the one before): deltas chain on quantity,
     * this delta's {@link #previousQuantity} is the last delta's {@link #quantity}.
     */
    public Long previousTime;
    /** The previous target's signed quantity, 0 when there was none; base currency (COIN-M: contracts). */
    public BigDecimal previousQuantity;
    /** The new target's signed quantity. */
    public BigDecimal quantity;
    /** {@code quantity − previousQuantity}: signed, positive = buy. */
    public BigDecimal deltaQuantity;
    /** Price the new target was sized at, quote currency; null when none is known. */
    public BigDecimal price;
    /** {@code deltaQuantity × price}, signed, quote currency; 0 when no price is known. */
    public BigDecimal deltaNotional;
    /** The new target's {@link TargetPosition#reason} (null when scored). */
    public String reason;

    public TargetDelta() {}

    @Override
    public String toString() {
        return reference + " " + market + ":" + symbol + " @" + time + " " + previousQuantity + " -> "
                + quantity + " (" + deltaQuantity + ")" + (reason == null ? "" : " " + reason);
    }
}
