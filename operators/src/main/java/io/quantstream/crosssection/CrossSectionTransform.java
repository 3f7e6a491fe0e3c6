package io.quantstream.crosssection;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cross-section makes of one factor's values across the instruments of a bar before
 * they are combined by weight: each transform maps the finite values of the bar to numbers
 * comparable across instruments. Non-finite values (a factor warming up or undefined at the bar)
 * take no part: they do not count in a mean, a standard deviation or a rank, and their own result
 * is 0 (such an instrument gets no score anyway, see {@link CombinedScores}).
 *
 * <ul>
 *   <li>{@code zscore}: {@code (x − mean) / stdev}, the <em>population</em> standard deviation;
 *       0 for every value when fewer than two are finite or all are equal. The default.
 *   <li>{@code winsorized_zscore(k)}: the z-score limited to {@code [−k, k]}, {@code k > 0}, so
 *       one outlier weighs at most {@code k} (with n values no |z-score| exceeds √(n − 1): for 7
 *       instruments a limit of 2.45 or more changes nothing).
 *   <li>{@code rank}: the rank of the value among the bar's finite values, ties sharing the mean
 *       of their positions, scaled to {@code [−1, 1]}: {@code 2 (r − 1) / (n − 1) − 1} for rank
 *       {@code r} of {@code n} (lowest −1, highest 1, sum 0); 0 when fewer than two are finite.
 *   <li>{@code demean}: {@code x − mean}, in the factor's own unit.
 *   <li>{@code raw}: the value itself.
 * </ul>
 *
 * <p>A transform is written as its name, with its parameter in parentheses where it has one:
 * {@code rank}, {@code winsorized_zscore(2)}.
 */
public final class CrossSectionTransform implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The default transform of every weighted factor. */
    public static final CrossSectionTransform ZSCORE = new CrossSectionTransform(Kind.ZSCORE, 0);

    /** Every transform, as written in a configuration. */
    public static final String CHOICES = "zscore, winsorized_zscore(k), rank, demean, raw";

    private static final Pattern SYNTAX =
            Pattern.compile("\\s*([A-Za-z_]+)\\s*(?:\\(\\s*([^)]*?)\\s*\\))?\\s*");

    private enum Kind { ZSCORE, WINSORIZED_ZSCORE, RANK, DEMEAN, RAW }

    private final Kind kind;
    /** The winsorized z-score's limit k; 0 for the other transforms. */
    private final double limit;

    private CrossSectionTransform(Kind kind, double limit) {
        this.kind = kind;
        this.limit = limit;
    }

    /**
     * The transform {@code text} names, case-insensitive: {@code zscore},
     * {@code winsorized_zscore(k)}, {@code rank}, {@code demean} or {@code raw}.
     *
     * @throws IllegalArgumentException naming the mistake and the valid transforms: an unknown
     *     name, a missing or unexpected parameter, a limit that is not a positive finite number
     */
    public static CrossSectionTransform parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a transform; transforms: "
                    + CHOICES);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String parameter = m.group(2);
        Kind kind = switch (name) {
            case "zscore" -> Kind.ZSCORE;
            case "winsorized_zscore" -> Kind.WINSORIZED_ZSCORE;
            case "rank" -> Kind.RANK;
            case "demean" -> Kind.DEMEAN;
            case "raw" -> Kind.RAW;
            default -> throw new IllegalArgumentException("unknown transform '" + m.group(1)
                    + "'; transforms: " + CHOICES);
        };
        if (kind != Kind.WINSORIZED_ZSCORE) {
            if (parameter != null) {
                throw new IllegalArgumentException("transform '" + name + "' takes no parameter,"
                        + " got '" + text.trim() + "'");
            }
            return kind == Kind.ZSCORE ? ZSCORE : new CrossSectionTransform(kind, 0);
        }
        if (parameter == null || parameter.isEmpty()) {
            throw new IllegalArgumentException("transform 'winsorized_zscore' needs its limit in"
                    + " z-scores, e.g. winsorized_zscore(3), got '" + text.trim() + "'");
        }
        double k;
        try {
            k = Double.parseDouble(parameter);
        } catch (NumberFormatException e) {
            k = Double.NaN;
        }
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("winsorized_zscore: the limit must be a positive"
                    + " number of z-scores, got '" + parameter + "'");
        }
        return new CrossSectionTransform(kind, k);
    }

    /**
     * The transformed values, same order; 0 in place of each non-finite value.
     *
     * @param values one factor's value per instrument present at the bar
     */
    double[] apply(double[] values) {
        return switch (kind) {
            case ZSCORE -> zScores(values);
            case WINSORIZED_ZSCORE -> limited(zScores(values), limit);
            case RANK -> ranks(values);
            case DEMEAN -> demeaned(values);
            case RAW -> finiteOrZero(values);
        };
    }

    static double[] zScores(double[] values) {
        double[] z = new double[values.length];
        int count = countFinite(values);
        if (count < 2) {
            return z;
        }
        double mean = mean(values, count);
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double stdev = Math.sqrt(squares / count);
        if (stdev == 0) {
            return z;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                z[i] = (values[i] - mean) / stdev;
            }
        }
        return z;
    }

    private static double[] limited(double[] z, double k) {
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.max(-k, Math.min(k, z[i]));
        }
        return z;
    }

    private static double[] ranks(double[] values) {
        double[] out = new double[values.length];
        int n = countFinite(values);
        if (n < 2) {
            return out;
        }
        int[] order = new int[n];
        for (int i = 0, j = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                order[j++] = i;
            }
        }
        order = Arrays.stream(order).boxed()
                .sorted((a, b) -> Double.compare(values[a], values[b]))
                .mapToInt(Integer::intValue).toArray();
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            // positions start..end (0-based) tie: each gets the mean rank, 1-based
            double rank = (start + end) / 2.0 + 1;
            for (int p = start; p <= end; p++) {
                out[order[p]] = 2 * (rank - 1) / (n - 1) - 1;
            }
            start = end + 1;
        }
        return out;
    }

    private static double[] demeaned(double[] values) {
        double[] out = new double[values.length];
        int count = countFinite(values);
        if (count == 0) {
            return out;
        }
        double mean = mean(values, count);
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                out[i] = values[i] - mean;
            }
        }
        return out;
    }

    private static double[] finiteOrZero(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.isFinite(values[i]) ? values[i] : 0;
        }
        return out;
    }

    private static int countFinite(double[] values) {
        int count = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                count++;
            }
        }
        return count;
    }

    private static double mean(double[] values, int count) {
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
            }
        }
        return sum / count;
    }

    /** As written in a configuration: {@code rank}, {@code winsorized_zscore(2.5)}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.WINSORIZED_ZSCORE
                ? name + "(" + (limit == Math.rint(limit) ? String.valueOf((long) limit)
                        : String.valueOf(limit)) + ")"
                : name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossSectionTransform t && t.kind == kind
                && Double.compare(t.limit, limit) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(limit);
    }
}
