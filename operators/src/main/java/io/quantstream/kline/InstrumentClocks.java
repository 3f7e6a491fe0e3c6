package io.quantstream.kline;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-instrument event-time gauges of the kline stage, in a metric group keyed by instrument
 * ({@code instrument="USDM:BTCUSDT"}, a Prometheus label):
 *
 * <ul>
 *   <li>{@code lastTradeTime}: trade time (epoch ms UTC) of the instrument's latest accepted trade;
 *       wall clock minus it is how stale the instrument's data is;
 *   <li>{@code watermarkLag}: ms by which the operator's watermark is past that trade (0 before the
 *       first watermark): grows while the instrument is quiet and the others trade.
 * </ul>
 *
 * <p>Cardinality: one series per gauge and instrument of the configured universe, registered by
 * the one subtask that owns the instrument's key, never per bar or per trade. The gauges exist
 * from the instrument's first trade in this process; after a restore, from its first trade or
 * bar timer (every instrument has one per minute).
 */
final class InstrumentClocks {

    private final MetricGroup metrics;
    private final Map<String, Clock> clocks = new HashMap<>();
    /** Written by the task thread, read by the reporter's. */
    private volatile long watermark = Long.MIN_VALUE;

    InstrumentClocks(MetricGroup metrics) {
        this.metrics = metrics;
    }

    /** The instrument ({@code MARKET:SYMBOL}) traded at {@code tradeTime} (epoch ms) or before. */
    void traded(String instrument, long tradeTime) {
        if (tradeTime == Long.MIN_VALUE) {
            return;
        }
        Clock clock = clocks.get(instrument);
        if (clock == null) {
            clock = new Clock();
            MetricGroup group = metrics.addGroup("instrument", instrument);
            Clock registered = clock;
            group.gauge("lastTradeTime", () -> registered.lastTradeTime);
            group.gauge("watermarkLag", () -> lag(registered.lastTradeTime));
            clocks.put(instrument, clock);
        }
        clock.lastTradeTime = Math.max(clock.lastTradeTime, tradeTime);
    }

    /** The operator's current event-time watermark (epoch ms). */
    void watermark(long watermark) {
        this.watermark = watermark;
    }

    private long lag(long lastTradeTime) {
        long now = watermark;
        // before the first watermark, and at the end of input (Long.MAX_VALUE), no lag to report
        return now == Long.MIN_VALUE || now == Long.MAX_VALUE ? 0 : Math.max(0, now - lastTradeTime);
    }

    private static final class Clock {
        volatile long lastTradeTime = Long.MIN_VALUE;
    }
}
