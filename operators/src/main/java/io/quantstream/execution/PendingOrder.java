package io.quantstream.execution;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.math.BigDecimal;

/**
 * A target position sized and waiting for the open of the next 1m bar of its instrument. A Flink
 * POJO, part of {@link AccountState}.
 */
public class PendingOrder {
    public Market market;
    public String symbol;
    /** Time of the target position, epoch ms UTC; fills only at a bar opening after it. */
    public long signalTime;
    /** The target's weight, fraction of equity. */
    public double weight;
    /** Target position, base currency: {@code weight × equity × (1 − cash buffer) / close}. */
    public BigDecimal quantity;

    public PendingOrder() {}

    /** The instrument's key, {@code MARKET:SYMBOL}. */
    public String instrument() {
        return Instrument.key(market, symbol);
    }
}
