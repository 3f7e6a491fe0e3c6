package io.quantstream.trade;

import java.util.Arrays;

/**
 * The raw trade ids seen so far of one symbol, for dropping duplicates and reporting gaps
 * (Binance: ids increase by one per trade, {@code firstTradeId} of the next aggTrade is
 * {@code lastTradeId + 1} of the previous; a repeat is a duplicate, a break is a gap).
 *
 * <p>Ids below {@link #next} are <em>settled</em>: seen, or reported missing. Id ranges seen above
 * it wait in {@link #pending} until the trades that could fill the hole before them are no longer
 * expected: when event time is past the time of the trade after the hole by more than the reorder
 * tolerance (the caller passes that as {@code settledThrough}). This makes the result independent
 * of the order of ids within the tolerance, e.g. the arbitrary order of trades sharing a
 * millisecond in BATCH mode (sorted by key and timestamp only). The lowest range seen starts the
 * sequence once it settles too: a smaller id within the tolerance still extends it downwards.
 *
 * <p>A Flink POJO kept in keyed state; bounded by {@link #MAX_PENDING} ranges (beyond, the lowest
 * hole is reported at once). Not thread-safe.
 */
public class TradeSequence {

    /** Most pending ranges kept; beyond, the lowest is settled early. */
    public static final int MAX_PENDING = 64;

    private static final int STRIDE = 4;
    private static final long[] NONE = new long[0];

    /** Receives the holes found while settling. */
    public interface GapListener {
        /**
         * Raw trade ids {@code lastIdBefore + 1 .. firstIdAfter - 1} were never seen.
         *
         * @param timeBefore trade time of {@code lastIdBefore}, epoch ms UTC
         * @param timeAfter trade time of {@code firstIdAfter}, epoch ms UTC
         */
        void onGap(long lastIdBefore, long firstIdAfter, long timeBefore, long timeAfter);
    }

    /** Every id below is settled; {@code Long.MIN_VALUE} until the start of the sequence settles. */
    public long next = Long.MIN_VALUE;
    /** Trade time (epoch ms UTC) of id {@code next - 1}. */
    public long nextTime = Long.MIN_VALUE;
    /**
     * Seen id ranges above {@link #next}, sorted, disjoint and not adjacent; four longs each:
     * first id, last id, trade time of the first id, trade time of the last id.
     */
    public long[] pending = NONE;

    public TradeSequence() {}

    /**
     * Records the ids {@code first..last} of a trade at {@code time} (epoch ms UTC).
     *
     * @return false, changing nothing, if any of them was seen before or is already settled
     */
    public boolean offer(long first, long last, long time) {
        return offer(first, last, time, time);
    }

    /**
     * Records the ids {@code first..last} of id-contiguous trades, the first at {@code firstTime},
     * the last at {@code lastTime} (epoch ms UTC): the times gaps next to the range report.
     *
     * @return false, changing nothing, if any of them was seen before or is already settled
     */
    public boolean offer(long first, long last, long firstTime, long lastTime) {
        if (first < next) {
            return false;
        }
        if (first == next && pending.length == 0) {
            next = last + 1;
            nextTime = lastTime;
            return true;
        }
        int count = pending.length / STRIDE;
        int i = 0;
        while (i < count && pending[i * STRIDE] <= last) {
            i++;
        }
        // ranges 0..i-1 start at or below last; range i-1 must end below first
        if (i > 0 && pending[(i - 1) * STRIDE + 1] >= first) {
            return false;
        }
        boolean joinsBelow = i > 0 && pending[(i - 1) * STRIDE + 1] == first - 1;
        boolean joinsAbove = i < count && pending[i * STRIDE] == last + 1;
        if (joinsBelow && joinsAbove) {
            int below = (i - 1) * STRIDE;
            pending[below + 1] = pending[i * STRIDE + 1];
            pending[below + 3] = pending[i * STRIDE + 3];
            remove(i);
        } else if (joinsBelow) {
            pending[(i - 1) * STRIDE + 1] = last;
            pending[(i - 1) * STRIDE + 3] = lastTime;
        } else if (joinsAbove) {
            pending[i * STRIDE] = first;
            pending[i * STRIDE + 2] = firstTime;
        } else {
            insert(i, first, last, firstTime, lastTime);
        }
        if (next != Long.MIN_VALUE && pending[0] == next) {
            next = pending[1] + 1;
            nextTime = pending[3];
            remove(0);
        }
        return true;
    }

    /**
     * Settles every hole (and the start) whose time is at or before {@code settledThrough}
     * (epoch ms UTC), reporting holes to {@code listener}; also settles the lowest holes beyond
     * {@link #MAX_PENDING} ranges. {@code Long.MAX_VALUE} settles everything (end of input).
     */
    public void settle(long settledThrough, GapListener listener) {
        while (pending.length > 0
                && (settleTime() <= settledThrough || pending.length > MAX_PENDING * STRIDE)) {
            if (next != Long.MIN_VALUE) {
                listener.onGap(next - 1, pending[0], nextTime, pending[2]);
            }
            next = pending[1] + 1;
            nextTime = pending[3];
            remove(0);
        }
    }

    /**
     * Time (epoch ms UTC) at which the lowest pending range settles, {@code Long.MAX_VALUE} if
     * none: the later of the trades on either side of its hole.
     */
    public long settleTime() {
        if (pending.length == 0) {
            return Long.MAX_VALUE;
        }
        return next == Long.MIN_VALUE ? pending[2] : Math.max(nextTime, pending[2]);
    }

    /** Whether every id in {@code first..last} was seen before or is already settled. */
    public boolean covers(long first, long last) {
        if (last < next) {
            return true;
        }
        for (int at = 0; at < pending.length; at += STRIDE) {
            if (pending[at] <= first && last <= pending[at + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether ranges are waiting to be settled. */
    public boolean hasPending() {
        return pending.length > 0;
    }

    private void insert(int index, long first, long last, long firstTime, long lastTime) {
        long[] grown = new long[pending.length + STRIDE];
        System.arraycopy(pending, 0, grown, 0, index * STRIDE);
        System.arraycopy(pending, index * STRIDE, grown, (index + 1) * STRIDE,
                pending.length - index * STRIDE);
        int at = index * STRIDE;
        grown[at] = first;
        grown[at + 1] = last;
        grown[at + 2] = firstTime;
        grown[at + 3] = lastTime;
        pending = grown;
    }

    private void remove(int index) {
        if (pending.length == STRIDE) {
            pending = NONE;
            return;
        }
        long[] shrunk = Arrays.copyOf(pending, pending.length - STRIDE);
        System.arraycopy(pending, (index + 1) * STRIDE, shrunk, index * STRIDE,
                pending.length - (index + 1) * STRIDE);
        pending = shrunk;
    }

    @Override
    public String toString() {
        return "next=" + next + " pending=" + Arrays.toString(pending);
    }
}
