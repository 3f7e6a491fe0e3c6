package io.quantstream.kline;

import io.quantstream.model.TradeStats;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * The notional thresholds (quote currency) of the {@value TradeStats#SIZE_BUCKETS} trade-size
 * buckets of {@link TradeStats}: {@code size1} below the first threshold, {@code size2} from the
 * first up to the second, {@code size3} up to the third, {@code size4} at or above the third
 * (each bucket includes its lower threshold). An aggTrade's notional is {@code price × quantity}.
 *
 * <pre>{@code TradeSizes sizes = TradeSizes.of(List.of(new BigDecimal("1000"), ...));}</pre>
 */
public final class TradeSizes implements Serializable {

    private static final long serialVersionUID = 1L;

    /** 1,000, 10,000 and 100,000 quote currency: retail, mid-size, large, block trades. */
    public static final List<BigDecimal> DEFAULT_THRESHOLDS = List.of(
            new BigDecimal("1000"), new BigDecimal("10000"), new BigDecimal("100000"));

    /** Scales of notionals {@link #bucketOf(long, int)} keeps the thresholds for as longs. */
    private static final int CACHED_SCALES = 40;

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final BigDecimal[] thresholds;
    /** Per notional scale: each threshold × 10^scale rounded up, Long.MAX_VALUE when it does not fit. */
    private transient long[][] ceilings;

    private TradeSizes(BigDecimal[] thresholds) {
        this.thresholds = thresholds;
    }

    /** The default thresholds, {@link #DEFAULT_THRESHOLDS}. */
    public static TradeSizes defaults() {
        return of(DEFAULT_THRESHOLDS);
    }

    /**
     * @param thresholds {@code SIZE_BUCKETS − 1} positive, strictly increasing notionals, quote
     *     currency
     * @throws IllegalArgumentException otherwise, saying which
     */
    public static TradeSizes of(List<BigDecimal> thresholds) {
        String problem = problem(thresholds);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new TradeSizes(thresholds.toArray(new BigDecimal[0]));
    }

    /** What is wrong with {@code thresholds} as the argument of {@link #of}, or null. */
    public static String problem(List<BigDecimal> thresholds) {
        int n = TradeStats.SIZE_BUCKETS - 1;
        if (thresholds == null || thresholds.size() != n) {
            return "needs " + n + " notional thresholds (quote currency) for " + TradeStats.SIZE_BUCKETS
                    + " size buckets, got " + (thresholds == null ? "none" : thresholds.size());
        }
        for (int i = 0; i < n; i++) {
            BigDecimal t = thresholds.get(i);
            if (t == null || t.signum() <= 0) {
                return "threshold " + (i + 1) + " must be a positive notional, got " + t;
            }
            if (i > 0 && t.compareTo(thresholds.get(i - 1)) <= 0) {
                return "thresholds must increase: " + thresholds.get(i - 1) + " then " + t;
            }
        }
        return null;
    }

    /** 0-based bucket of an aggTrade of notional {@code notional}. */
    int bucketOf(BigDecimal notional) {
        int b = 0;
        while (b < thresholds.length && notional.compareTo(thresholds[b]) >= 0) {
            b++;
        }
        return b;
    }

    /**
     * 0-based bucket of an aggTrade of notional {@code unscaled × 10^-scale} (≥ 0), as
     * {@link #bucketOf(BigDecimal)} gives it: {@code notional ≥ threshold} exactly when
     * {@code unscaled ≥ ⌈threshold × 10^scale⌉}, an integer comparison.
     */
    int bucketOf(long unscaled, int scale) {
        long[] limits = unscaled == Long.MAX_VALUE ? null : ceilings(scale);
        if (limits == null) {
            return bucketOf(BigDecimal.valueOf(unscaled, scale));
        }
        int b = 0;
        while (b < limits.length && unscaled >= limits[b]) {
            b++;
        }
        return b;
    }

    /**
     * Per threshold, {@code ⌈threshold × 10^scale⌉} ({@code Long.MAX_VALUE} when it does not fit
     * a long, so an unscaled notional of {@code Long.MAX_VALUE} needs {@link #bucketOf(BigDecimal)}),
     * computed once per scale; null for a scale outside {@code [0, 40)}. A notional
     * {@code unscaled × 10^-scale} is in bucket {@code b}, the count of limits {@code ≤ unscaled}.
     */
    long[] ceilings(int scale) {
        if (scale < 0 || scale >= CACHED_SCALES) {
            return null;
        }
        if (ceilings == null) {
            ceilings = new long[CACHED_SCALES][];
        }
        long[] limits = ceilings[scale];
        if (limits == null) {
            limits = new long[thresholds.length];
            for (int i = 0; i < limits.length; i++) {
                BigDecimal ceiling = thresholds[i].movePointRight(scale)
                        .setScale(0, RoundingMode.CEILING);
                limits[i] = ceiling.compareTo(LONG_MAX) < 0 ? ceiling.longValueExact() : Long.MAX_VALUE;
            }
            ceilings[scale] = limits;
        }
        return limits;
    }

    @Override
    public String toString() {
        return Arrays.toString(thresholds);
    }
}
