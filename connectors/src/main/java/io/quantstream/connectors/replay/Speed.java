package io.quantstream.connectors.replay;

import java.util.Locale;

/**
 * How fast a replay runs against the trades' own clock: {@code 1} = real time, {@code 10} = ten
 * times faster, {@link #MAX} = as fast as the broker takes the records.
 *
 * <p>With a factor, the first trade published maps to the moment it is published and a trade
 * {@code d} ms later in event time is due {@code d / factor} ms later on the wall clock.
 *
 * @param factor event-time milliseconds per wall-clock millisecond, {@code > 0}; infinite for {@link #MAX}
 */
public record Speed(double factor) {

    /** As fast as possible: no waiting. */
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);

    /** @throws IllegalArgumentException unless {@code factor > 0} */
    public Speed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be a positive number or max, got " + factor);
        }
    }

    /**
     * Reads {@code max} or a positive number ({@code 1}, {@code 10}, {@code 0.5}).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static Speed parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("max")) {
            return MAX;
        }
        double factor;
        try {
            factor = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            factor = Double.NaN;
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    "speed must be a positive number (1 = real time) or max, got '" + text + "'");
        }
        return new Speed(factor);
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** Wall-clock nanoseconds that {@code eventMillis} of event time take at this speed (0 at max). */
    long wallNanos(long eventMillis) {
        return isMax() ? 0 : (long) (eventMillis * 1_000_000.0 / factor);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor));
    }
}
