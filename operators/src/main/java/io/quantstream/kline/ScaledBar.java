package io.quantstream.kline;

import io.quantstream.model.TradeStats;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The partial bar of an open {@link TradeRun} of spot or USD-M trades as exact decimals held in
 * {@code long}s: each value is an unscaled long and a scale, so adding a trade allocates nothing
 * and needs no {@code BigDecimal} arithmetic. {@link #addTo} gives the same
 * {@link KlineAccumulator} (every value and every scale) as adding the same trades one by one
 * with {@link KlineAccumulator#add}: a sum's scale is the largest of its terms' and 0 (sums start
 * at {@code BigDecimal.ZERO}), a notional's scale is the price's plus the quantity's, a tie for
 * the high or the low keeps the first price. A term or a product that does not fit a long spills
 * the sum so far into a {@code BigDecimal} ({@link #spilled}), so nothing is ever rounded
 * (DESIGN.md rule 6). A price or quantity with more than 18 digits is not taken ({@link #add}
 * returns false): the run then continues on the {@code BigDecimal} path.
 */
final class ScaledBar {

    /** Digits a long holds whatever they are ({@code 10^18 < Long.MAX_VALUE}). */
    static final int SAFE_DIGITS = 18;

    private static final int BUY_VOLUME = 0;
    private static final int SELL_VOLUME = 1;
    private static final int BUY_DOLLAR_VOLUME = 2;
    private static final int SELL_DOLLAR_VOLUME = 3;
    private static final int SIZE_VOLUMES = 4;
    private static final int SUMS = SIZE_VOLUMES + TradeStats.SIZE_BUCKETS;

    private static final long[] POWERS = new long[SAFE_DIGITS + 1];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private boolean empty = true;
    private long open;
    private int openScale;
    private long openRankTime;
    private long openRankId;
    private long close;
    private int closeScale;
    private long closeRankTime;
    private long closeRankId;
    private long high;
    private int highScale;
    private long low;
    private int lowScale;
    private long count;
    private long buyCount;
    private long sellCount;
    private final long[] sizeCounts = new long[TradeStats.SIZE_BUCKETS];
    private final long[] sums = new long[SUMS];
    private final int[] scales = new int[SUMS];
    /** What did not fit {@link #sums} (at most {@code scales[i]} decimals), or null. */
    private final BigDecimal[] spilled = new BigDecimal[SUMS];
    /** Notional scale of {@link #limits}, or −1. */
    private int limitsScale = -1;
    /** {@link TradeSizes#ceilings} of {@link #limitsScale}, of the one {@code sizes} a run adds with. */
    private long[] limits;

    /**
     * Adds one market aggTrade of price {@code price × 10^-priceScale} and quantity
     * {@code quantity × 10^-quantityScale}, both positive.
     *
     * @return false (nothing added) when a value does not fit: take the trade as a
     *     {@code BigDecimal} instead
     */
    boolean add(BigDecimal price, BigDecimal quantity, long tradeTime, long aggTradeId,
            long trades, boolean buy, TradeSizes sizes) {
        if (price.precision() > SAFE_DIGITS || quantity.precision() > SAFE_DIGITS
                || price.scale() < 0 || quantity.scale() < 0) {
            return false;
        }
        return add(unscaled(price), price.scale(), unscaled(quantity), quantity.scale(),
                tradeTime, aggTradeId, trades, buy, sizes);
    }

    /**
     * {@link #add(BigDecimal, BigDecimal, long, long, long, boolean, TradeSizes)} of price
     * {@code p × 10^-ps} and quantity {@code q × 10^-qs} (scales ≥ 0).
     *
     * <p>The hot path of the file and Kafka sources (once per trade), compiled by C1 in
     * {@code klines}: C1 inlines no method over 35 bytecodes, so the common case (scales as the
     * run's so far, sums and the notional within a long) is written out here on plain longs, and
     * only the rest calls out ({@link #addRescaled}, {@link #compare}, the {@code BigDecimal}s).
     *
     * @return false (nothing added) when the price or the quantity is not positive
     */
    boolean add(long p, int ps, long q, int qs, long tradeTime, long aggTradeId, long trades,
            boolean buy, TradeSizes sizes) {
        if (p <= 0 || q <= 0) {
            return false;
        }
        long notional = product(p, q);
        int ns = ps + qs;
        int bucket;
        long[] limits = ns == limitsScale ? this.limits : limits(ns, sizes);
        if (notional < 0 || notional == Long.MAX_VALUE || limits == null) {
            bucket = notional < 0 ? sizes.bucketOf(product(p, ps, q, qs))
                    : sizes.bucketOf(notional, ns);
        } else {
            bucket = 0;
            while (bucket < limits.length && notional >= limits[bucket]) {
                bucket++;
            }
        }
        if (empty) {
            empty = false;
            open = close = high = low = p;
            openScale = closeScale = highScale = lowScale = ps;
            openRankTime = closeRankTime = tradeTime;
            openRankId = closeRankId = aggTradeId;
        } else {
            if (before(tradeTime, aggTradeId, openRankTime, openRankId)) {
                open = p;
                openScale = ps;
                openRankTime = tradeTime;
                openRankId = aggTradeId;
            }
            if (before(closeRankTime, closeRankId, tradeTime, aggTradeId)) {
                close = p;
                closeScale = ps;
                closeRankTime = tradeTime;
                closeRankId = aggTradeId;
            }
            if (ps == highScale ? p > high : compare(p, ps, high, highScale) > 0) {
                high = p;
                highScale = ps;
            }
            if (ps == lowScale ? p < low : compare(p, ps, low, lowScale) < 0) {
                low = p;
                lowScale = ps;
            }
        }
        count += trades;
        long[] sums = this.sums;
        int[] scales = this.scales;
        // each sum: in place when the term has the sum's scale and the sum stays a long
        int volume = buy ? BUY_VOLUME : SELL_VOLUME;
        long sum = sums[volume] + q;
        if (qs == scales[volume] && sum >= 0) {
            sums[volume] = sum;
        } else {
            addRescaled(volume, q, qs);
        }
        if (buy) {
            buyCount += trades;
        } else {
            sellCount += trades;
        }
        int dollars = buy ? BUY_DOLLAR_VOLUME : SELL_DOLLAR_VOLUME;
        if (notional < 0) {
            spill(dollars, product(p, ps, q, qs));
        } else if (ns == scales[dollars] && (sum = sums[dollars] + notional) >= 0) {
            sums[dollars] = sum;
        } else {
            addRescaled(dollars, notional, ns);
        }
        sizeCounts[bucket]++;
        int sized = SIZE_VOLUMES + bucket;
        sum = sums[sized] + q;
        if (qs == scales[sized] && sum >= 0) {
            sums[sized] = sum;
        } else {
            addRescaled(sized, q, qs);
        }
        return true;
    }

    /**
     * {@code p × q} for {@code p, q > 0}, or −1 when it does not fit a long: one multiply when
     * both are below 2^31 (the product is then below 2^62), the exact 128-bit check otherwise
     * ({@code Math.multiplyHigh} is no intrinsic in C1).
     */
    static long product(long p, long q) {
        long product = p * q;
        if (((p | q) >>> 31) == 0) {
            return product;
        }
        return Math.multiplyHigh(p, q) == 0 && product >= 0 ? product : -1;
    }

    /** The bucket limits of notionals of scale {@code scale}, kept for the next trade. */
    private long[] limits(int scale, TradeSizes sizes) {
        limitsScale = scale;
        limits = sizes.ceilings(scale);
        return limits;
    }

    private static BigDecimal product(long p, int ps, long q, int qs) {
        return BigDecimal.valueOf(p, ps).multiply(BigDecimal.valueOf(q, qs));
    }

    /** Whether no trade was added. */
    boolean isEmpty() {
        return empty;
    }

    /** Adds the trades held here to {@code bar} (of the same minute) and empties this bar. */
    void addTo(KlineAccumulator bar) {
        if (empty) {
            return;
        }
        KlineAccumulator part = new KlineAccumulator(bar.openTime);
        part.open = BigDecimal.valueOf(open, openScale);
        part.openRankTime = openRankTime;
        part.openRankId = openRankId;
        part.close = BigDecimal.valueOf(close, closeScale);
        part.closeRankTime = closeRankTime;
        part.closeRankId = closeRankId;
        part.high = BigDecimal.valueOf(high, highScale);
        part.low = BigDecimal.valueOf(low, lowScale);
        part.count = count;
        TradeStats stats = new TradeStats();
        stats.buyVolume = total(BUY_VOLUME);
        stats.sellVolume = total(SELL_VOLUME);
        stats.buyDollarVolume = total(BUY_DOLLAR_VOLUME);
        stats.sellDollarVolume = total(SELL_DOLLAR_VOLUME);
        stats.buyCount = buyCount;
        stats.sellCount = sellCount;
        for (int i = 0; i < TradeStats.SIZE_BUCKETS; i++) {
            stats.sizeCounts[i] = sizeCounts[i];
            stats.sizeVolumes[i] = total(SIZE_VOLUMES + i);
        }
        part.volume = stats.volume();
        part.quoteVolume = stats.dollarVolume();
        part.takerBuyVolume = stats.buyVolume;
        part.takerBuyQuoteVolume = stats.buyDollarVolume;
        part.tradeStats = stats;
        bar.merge(part);
        clear();
    }

    private void clear() {
        empty = true;
        count = buyCount = sellCount = 0;
        Arrays.fill(sizeCounts, 0);
        Arrays.fill(sums, 0);
        Arrays.fill(scales, 0);
        Arrays.fill(spilled, null);
    }

    /**
     * Adds {@code value × 10^-scale} (≥ 0) to sum {@code i}: rescaling the sum or the term to
     * the larger scale, spilling what no longer fits a long.
     */
    private void addRescaled(int i, long value, int scale) {
        int s = scales[i];
        if (scale > s) {
            long rescaled = times10(sums[i], scale - s);
            if (rescaled < 0) {
                spill(i, BigDecimal.valueOf(sums[i], s));
                sums[i] = 0;
            } else {
                sums[i] = rescaled;
            }
            scales[i] = s = scale;
        } else if (scale < s) {
            long rescaled = times10(value, s - scale);
            if (rescaled < 0) {
                spill(i, BigDecimal.valueOf(value, scale));
                return;
            }
            value = rescaled;
        }
        long sum = sums[i] + value;
        if (sum < 0) {
            spill(i, BigDecimal.valueOf(sums[i], s));
            sum = value;
        }
        sums[i] = sum;
    }

    private void spill(int i, BigDecimal value) {
        spilled[i] = spilled[i] == null ? value : spilled[i].add(value);
    }

    /** Sum {@code i} as a decimal of scale {@code max(0, terms' scales)}, as {@code ZERO.add(…)} gives. */
    private BigDecimal total(int i) {
        BigDecimal held = BigDecimal.valueOf(sums[i], scales[i]);
        return spilled[i] == null ? held : spilled[i].add(held);
    }

    /** {@code value × 10^n} (value ≥ 0), or −1 when it does not fit. */
    private static long times10(long value, int n) {
        if (n >= POWERS.length) {
            return value == 0 ? 0 : -1;
        }
        long high = Math.multiplyHigh(value, POWERS[n]);
        long product = value * POWERS[n];
        return high == 0 && product >= 0 ? product : -1;
    }

    /** Compares {@code a × 10^-as} with {@code b × 10^-bs} (both positive). */
    private static int compare(long a, int as, long b, int bs) {
        if (as == bs) {
            return Long.compare(a, b);
        }
        long ra = as < bs ? times10(a, bs - as) : a;
        long rb = bs < as ? times10(b, as - bs) : b;
        if (ra < 0 || rb < 0) {
            return BigDecimal.valueOf(a, as).compareTo(BigDecimal.valueOf(b, bs));
        }
        return Long.compare(ra, rb);
    }

    /** The unscaled value of a decimal of at most {@value #SAFE_DIGITS} digits. */
    private static long unscaled(BigDecimal value) {
        // scale 0: longValue() returns the compact value, and the temporary does not escape
        return value.movePointRight(value.scale()).longValue();
    }

    private static boolean before(long time, long id, long otherTime, long otherId) {
        return time < otherTime || (time == otherTime && id < otherId);
    }
}
