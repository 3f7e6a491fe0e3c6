package io.quantstream.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A Binance kline interval ({@code 1m}, {@code 3m}, {@code 5m}, {@code 15m}, {@code 30m},
 * {@code 1h}, {@code 2h}, {@code 4h}, {@code 6h}, {@code 8h}, {@code 12h}, {@code 1d}).
 *
 * <p>Bars are aligned to the UTC epoch: a bar opens at a multiple of {@link #millis()} and closes
 * at {@code openTime + millis - 1} (Binance's {@code close_time}). Weekly and monthly intervals are
 * not supported: they do not align to the epoch.
 */
public final class Interval implements java.io.Serializable, Comparable<Interval> {

    private static final long MINUTE = 60_000L;

    /** The base interval every kline is aggregated at from trades. */
    public static final Interval ONE_MINUTE = new Interval("1m", MINUTE);

    private final String label;
    private final long millis;

    private Interval(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    /**
     * Parses a Binance interval label such as {@code 5m}, {@code 4h} or {@code 1d}.
     *
     * @throws IllegalArgumentException if the label is not a minute, hour or day count that
     *     divides a day evenly
     */
    public static Interval parse(String label) {
        if (label == null || label.length() < 2) {
            throw new IllegalArgumentException("bad interval '" + label + "'");
        }
        char unit = label.charAt(label.length() - 1);
        long n;
        try {
            n = Long.parseLong(label.substring(0, label.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad interval '" + label + "'");
        }
        long unitMillis;
        switch (unit) {
            case 'm':
                unitMillis = MINUTE;
                break;
            case 'h':
                unitMillis = 60 * MINUTE;
                break;
            case 'd':
                unitMillis = 24 * 60 * MINUTE;
                break;
            default:
                throw new IllegalArgumentException(
                        "bad interval '" + label + "' (units: m, h, d)");
        }
        long millis = n * unitMillis;
        if (n <= 0 || millis > 24 * 60 * MINUTE || (24 * 60 * MINUTE) % millis != 0) {
            throw new IllegalArgumentException(
                    "interval '" + label + "' must divide a day evenly");
        }
        return millis == MINUTE ? ONE_MINUTE : new Interval(label, millis);
    }

    /** Parses a comma-separated list such as {@code 1m,5m,1h}; blanks are ignored. */
    public static List<Interval> parseList(String labels) {
        List<Interval> result = new ArrayList<>();
        for (String label : labels.split(",")) {
            if (!label.isBlank()) {
                result.add(parse(label.trim()));
            }
        }
        return result;
    }

    /** Binance label, e.g. {@code 15m}. */
    public String label() {
        return label;
    }

    /** Length in milliseconds. */
    public long millis() {
        return millis;
    }

    /** Open time (epoch ms UTC) of the bar containing {@code timestamp} (epoch ms UTC). */
    public long openTime(long timestamp) {
        return Math.floorDiv(timestamp, millis) * millis;
    }

    /** Close time (epoch ms UTC) of the bar opening at {@code openTime}: open + length − 1 ms. */
    public long closeTime(long openTime) {
        return openTime + millis - 1;
    }

    @Override
    public int compareTo(Interval other) {
        return Long.compare(millis, other.millis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval && ((Interval) o).millis == millis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(millis);
    }

    @Override
    public String toString() {
        return label;
    }
}
