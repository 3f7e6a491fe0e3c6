package io.quantstream.connectors.binance.source.reader;

import java.util.ArrayDeque;

/**
 * At most {@code permits} in any window of {@code windowMillis} (a sliding log, strict in every
 * window, as Binance counts): messages sent on a connection per second, REST request weight per
 * minute. Not thread-safe; driven by the reader's clock.
 */
final class RateLimiter {

    private final int permits;
    private final long windowMillis;
    private final ArrayDeque<long[]> granted = new ArrayDeque<>();
    private int inWindow;

    RateLimiter(int permits, long windowMillis) {
        this.permits = permits;
        this.windowMillis = windowMillis;
    }

    /** Takes {@code count} permits at {@code now} when the window has room; false otherwise. */
    boolean tryAcquire(int count, long now) {
        expire(now);
        if (inWindow + count > permits) {
            return false;
        }
        granted.addLast(new long[] {now, count});
        inWindow += count;
        return true;
    }

    /** The earliest time at or after {@code now} when {@code count} permits can be taken. */
    long availableAt(int count, long now) {
        expire(now);
        int free = permits - inWindow;
        for (long[] grant : granted) {
            if (free >= count) {
                break;
            }
            free += (int) grant[1];
            now = grant[0] + windowMillis;
        }
        return now;
    }

    private void expire(long now) {
        while (!granted.isEmpty() && granted.peekFirst()[0] + windowMillis <= now) {
            inWindow -= (int) granted.pollFirst()[1];
        }
    }
}
