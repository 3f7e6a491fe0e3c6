package io.quantstream.savepoints;

import io.quantstream.kline.KlineAccumulator;
import java.math.BigDecimal;
import java.time.Instant;

/** How state values are printed: times ISO-8601 UTC, decimals plain, doubles round-trip. */
final class Values {

    private Values() {}

    /** Epoch ms UTC as ISO-8601; empty for {@code Long.MIN_VALUE} (never set). */
    static String time(long epochMs) {
        return epochMs == Long.MIN_VALUE ? "" : Instant.ofEpochMilli(epochMs).toString();
    }

    static String decimal(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    /** The open bar's prices, volume and trade count (1m klines: minutes taken). */
    static String bar(KlineAccumulator b) {
        return "open " + decimal(b.open) + " high " + decimal(b.high) + " low " + decimal(b.low)
                + " close " + decimal(b.close) + " volume " + decimal(b.volume) + " trades "
                + b.count + (b.minutes > 0 ? " minutes " + b.minutes : "");
    }
}
