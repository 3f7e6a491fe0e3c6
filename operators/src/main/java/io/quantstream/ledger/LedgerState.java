package io.quantstream.ledger;

import java.math.BigDecimal;

/**
 * Keyed state of one strategy's ledger: cash, the highest equity so far, and one
 * {@link Holding} per instrument seen, sorted by instrument key. At most one holding per
 * instrument of the strategy. A Flink POJO.
 */
public class LedgerState {
    /** Quote currency. */
    public BigDecimal cash;
    /** Highest equity at a reported bar (the initial equity at first), quote currency. */
    public BigDecimal peakEquity;
    /** Sorted by {@link Holding#instrument()}. */
    public Holding[] holdings;

    public LedgerState() {}
}
