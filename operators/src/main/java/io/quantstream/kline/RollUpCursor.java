package io.quantstream.kline;

import io.quantstream.model.Market;

/** Per-symbol state of {@link KlineRollUp} besides its open bars. A Flink POJO. */
public class RollUpCursor {
    /** Market of the symbol's 1m klines. */
    public Market market;
    /** Open time (epoch ms UTC) of the last 1m kline taken, {@code Long.MIN_VALUE} before any. */
    public long lastMinute = Long.MIN_VALUE;
    /** Event-time timer registered for this key, {@code Long.MIN_VALUE} if none. */
    public long timer = Long.MIN_VALUE;

    public RollUpCursor() {}
}
