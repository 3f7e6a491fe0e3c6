package io.quantstream.kline;

import io.quantstream.model.Market;

/** Per-instrument state of {@link KlineRollUp} besides its open bars. A Flink POJO. */
public class RollUpCursor {
    /** The instrument's market. */
    public Market market;
    /** The instrument's symbol, upper case. */
    public String symbol;
    /** Open time (epoch ms UTC) of the last 1m kline taken, {@code Long.MIN_VALUE} before any. */
    public long lastMinute = Long.MIN_VALUE;
    /** Event-time timer registered for this key, {@code Long.MIN_VALUE} if none. */
    public long timer = Long.MIN_VALUE;
    /**
     * Labels of the bigger intervals the open bars were kept for, e.g. {@code 5m,1h}; null in
     * state written before it was kept. When it differs from the configured ones (the
     * configuration changed across a restore), open bars of other intervals are dropped.
     */
    public String intervals;

    public RollUpCursor() {}
}
