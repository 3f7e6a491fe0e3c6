package io.quantstream.savepoints;

import io.quantstream.factor.FactorHistory;

/** A factor history with its key ({@code MARKET:SYMBOL:interval}). A Flink POJO. */
public class KeyedFactorHistory {
    public String key;
    public FactorHistory history;
    /** Klines taken into it. */
    public long bars;

    public KeyedFactorHistory() {}
}
