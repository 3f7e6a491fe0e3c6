package io.quantstream.connectors.binance;

/**
 * Binance timestamps to epoch milliseconds UTC. Spot archive files dated 2025-01-01 or later print
 * microseconds, earlier and futures files milliseconds ({@code ../shared/data/README.md}); the
 * unit is told per value: from 1e14 on it is microseconds (1e14 ms would be the year 5138).
 */
final class Timestamps {

    private static final long FIRST_MICROS = 100_000_000_000_000L;

    private Timestamps() {}

    /** Epoch ms UTC of a Binance timestamp in ms or µs; µs are truncated ({@code ...999999 → ...999}). */
    static long toMillis(long timestamp) {
        return timestamp >= FIRST_MICROS ? timestamp / 1000 : timestamp;
    }
}
