package io.quantstream.model;

import java.math.BigDecimal;

/**
 * The position a strategy wants to hold in one symbol from {@link #time} on. Signed: positive
 * long, negative short. {@code quantity = weight × equity / price}.
 */
public class TargetPosition {
    /** Decision time: the close time of the bar the decision was made on, epoch ms UTC. */
    public long time;
    public String symbol;
    /** Fraction of equity (signed); the strategy's weights sum to 0 (dollar-neutral). */
    public double weight;
    /** Signed quantity in base currency (COIN-M: contracts), 8 decimal places. */
    public BigDecimal quantity;
    /** Price the quantity was sized at (the bar's close), quote currency. */
    public BigDecimal price;
    /** Name of the strategy that wants the position. */
    public String reference;

    public TargetPosition() {}

    /** Signed notional, quote currency: {@code quantity × price}. */
    public BigDecimal notional() {
        return quantity.multiply(price);
    }

    @Override
    public String toString() {
        return reference + " " + symbol + " @" + time + " w=" + weight + " q=" + quantity;
    }
}
