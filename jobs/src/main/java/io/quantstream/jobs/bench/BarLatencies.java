package io.quantstream.jobs.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each bar's output (a kline, a target position) arrived, and how long after the bar's
 * close that was. Times are epoch ms on this machine's wall clock; trades are stamped with the
 * same clock, so event time and wall time are one axis.
 *
 * <p><b>Bar close</b>, the reference of every latency: the earliest wall-clock moment the
 * watermark can pass the bar's {@code close_time}, i.e. {@code bar end + out-of-orderness}, where
 * bar end = {@code open_time + 1 min} = {@code close_time + 1 ms}: a bounded-out-of-orderness
 * watermark is {@code max trade time − out-of-orderness − 1 ms}, so it reaches {@code close_time}
 * once a trade stamped {@code bar end + out-of-orderness} is read. A bar can come out before that
 * (negative latency): the kline stage also closes a bar when the instrument's next trade is past
 * it, without waiting for the watermark.
 *
 * <p>Only the first arrival of a bar counts; later ones are counted as repeats.
 */
public final class BarLatencies {

    /** Length of the bars measured (1m: the shortest interval of the kline stage), ms. */
    private static final long MINUTE = 60_000;

    private final long outOfOrdernessMs;
    private final Map<String, Long> firstArrival = new HashMap<>();
    private long repeats;

    BarLatencies(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    /**
     * @param key the record's key, unique per instrument (and strategy)
     * @param barEnd {@code open_time + 1 min} of its bar, epoch ms
     * @param receivedAt when a {@code read_committed} consumer got it, epoch ms
     */
    synchronized void received(String key, long barEnd, long receivedAt) {
        if (firstArrival.putIfAbsent(key + "@" + barEnd, receivedAt - barEnd) != null) {
            repeats++;
        }
    }

    /**
     * The bars that end in {@code (after, until]} on a minute boundary, one per instrument and
     * minute: how many arrived, and their latencies after the bar close (ms, nearest-rank
     * percentiles; null when none arrived).
     *
     * @param instruments how many bars end at each minute boundary
     */
    synchronized Summary summary(long after, long until, int instruments) {
        int closes = 0;
        for (long end = (Math.floorDiv(after, MINUTE) + 1) * MINUTE; end <= until; end += MINUTE) {
            closes++;
        }
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Long> bar : firstArrival.entrySet()) {
            long barEnd = Long.parseLong(bar.getKey().substring(bar.getKey().lastIndexOf('@') + 1));
            if (barEnd > after && barEnd <= until) {
                latencies.add(bar.getValue() - outOfOrdernessMs);
            }
        }
        latencies.sort(null);
        return new Summary(latencies.size(), (long) closes * instruments, closes, repeats,
                percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));
    }

    /** The value at rank ⌈p·n⌉ of the sorted values, or null for none. */
    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /**
     * @param bars bars that arrived
     * @param expected bars that should have: {@code closes × instruments}
     * @param closes minute boundaries in the window
     * @param repeats arrivals of a bar already seen (all bars, in or out of the window)
     * @param p50Ms median latency after the bar close, ms
     * @param p99Ms 99th percentile, ms
     * @param maxMs the largest, ms
     */
    public record Summary(int bars, long expected, int closes, long repeats, Long p50Ms, Long p99Ms,
            Long maxMs) {}
}
