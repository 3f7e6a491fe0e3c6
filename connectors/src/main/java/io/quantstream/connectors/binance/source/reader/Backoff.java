package io.quantstream.connectors.binance.source.reader;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt {@code n} (from 0) waits {@code min(max, initial ×
 * 2^n)} less a random fraction of up to {@code jitter} of it, so readers that failed together
 * spread their retries. {@link #reset()} after a success.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;
    private int attempts;

    /** @param random uniform in [0, 1): {@code new Random()::nextDouble}, or a fixed value in tests */
    Backoff(long initialMillis, long maxMillis, double jitter, DoubleSupplier random) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before the next attempt, in ms; counts the attempt. */
    long nextDelay() {
        long base = (long) Math.min(maxMillis, initialMillis * Math.pow(2, attempts));
        attempts++;
        return base - (long) (base * jitter * random.getAsDouble());
    }

    /** Attempts since the last reset. */
    int attempts() {
        return attempts;
    }

    void reset() {
        attempts = 0;
    }
}
