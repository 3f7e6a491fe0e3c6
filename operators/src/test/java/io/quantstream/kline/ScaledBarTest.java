package io.quantstream.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;
import io.quantstream.testing.TestTrades;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A run accumulated in scaled longs ({@link TradeRun#open}, {@link ScaledBar}) ends as the same
 * bar, every value and every scale, as the same trades added one by one in {@code BigDecimal}s
 * ({@link TradeRun#of}, {@link KlineAccumulator#add}): the fast path changes no digit.
 */
class ScaledBarTest {

    private static final long T0 = 1_704_067_200_000L;

    @Test
    void priceScalesThatChangeWithinARunKeepTheLargestScaleAndTheFirstTiedHigh() {
        assertSameBar(List.of(
                trade(1, "100.0", "1", 0, false),
                trade(2, "100.00", "0.5", 1, true),   // ties the high at another scale
                trade(3, "99.9", "2.000", 2, false),
                trade(4, "99.90", "1.25", 2, true)));  // ties the low, same millisecond
    }

    @Test
    void notionalsAndSumsBeyondALongSpillIntoBigDecimalsExactly() {
        assertSameBar(List.of(
                trade(1, "999999999.99999999", "99999999.99999999", 0, false), // p×q > 2^63
                trade(2, "999999999.99999999", "99999999.99999999", 1, false),
                trade(3, "0.000000000000000001", "123456789012345678", 2, true), // scale 18
                trade(4, "5", "922337203685477580.7", 3, true),  // sum over Long.MAX_VALUE
                trade(5, "5", "922337203685477580.7", 4, true)));
    }

    @Test
    void aPriceOfMoreThanEighteenDigitsFinishesTheRunInBigDecimals() {
        assertSameBar(List.of(
                trade(1, "42000.10", "0.5", 0, false),
                trade(2, "42000.123456789012345678", "0.25", 1, true), // 23 digits
                trade(3, "42000.05", "1", 2, false)));
    }

    @Test
    void randomRunsOfArchiveLikeTradesEndAsTheBigDecimalBar() {
        Random random = new Random(9);
        for (int run = 0; run < 300; run++) {
            List<Trade> trades = new ArrayList<>();
            int n = 1 + random.nextInt(50);
            for (int i = 0; i < n; i++) {
                int priceScale = random.nextInt(9);
                int quantityScale = random.nextInt(9);
                BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(10_000_000), priceScale);
                BigDecimal quantity = BigDecimal.valueOf(
                        1 + (long) (random.nextDouble() * random.nextDouble() * 1e12), quantityScale);
                // out-of-order times within the minute: open and close by rank, not arrival
                trades.add(trade(i + 1, price.toPlainString(), quantity.toPlainString(),
                        random.nextInt(60_000), random.nextBoolean()));
            }
            assertSameBar(trades);
        }
    }

    @Test
    void productIsExactUpToLongMaxValueAndMinusOneBeyondIt() {
        long root = 3_037_000_499L; // ⌊√(2^63 − 1)⌋
        long[][] pairs = {
                {1, 1}, {(1L << 31) - 1, (1L << 31) - 1}, {1L << 31, 1}, {1L << 31, (1L << 31) - 1},
                {1L << 32, 1L << 30}, {1L << 32, 1L << 31}, {root, root}, {root + 1, root + 1},
                {root, root + 1}, {Long.MAX_VALUE, 1}, {Long.MAX_VALUE, 2}, {Long.MAX_VALUE / 3, 3},
                {Long.MAX_VALUE / 3 + 1, 3}, {Long.MAX_VALUE / 7, 7}, {Long.MAX_VALUE / 7, 8},
                {1, Long.MAX_VALUE}, {2_147_483_647L, 4_294_967_298L}, {999_999_999_999_999_999L, 9},
                {999_999_999_999_999_999L, 10}};
        Random random = new Random(11);
        List<long[]> all = new ArrayList<>(Arrays.asList(pairs));
        for (int i = 0; i < 10_000; i++) {
            long p = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
            long q = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
            all.add(new long[] {p, q});
        }
        for (long[] pq : all) {
            BigInteger exact = BigInteger.valueOf(pq[0]).multiply(BigInteger.valueOf(pq[1]));
            long expected = exact.bitLength() < 64 ? exact.longValueExact() : -1;
            assertThat(ScaledBar.product(pq[0], pq[1])).as("%d × %d", pq[0], pq[1]).isEqualTo(expected);
        }
    }

    @Test
    void notionalsEitherSideOfLongMaxValueSumToTheExactDecimals() {
        // unscaled notionals 3037000499² (fits a long), 3037000500² (does not), then small ones
        List<String[]> trades = List.of(
                new String[] {"303700.0499", "30370.00499", "false"},
                new String[] {"303700.0500", "30370.00500", "true"},
                new String[] {"2.5", "4", "false"},
                new String[] {"0.0001", "1", "true"});
        ScaledBar scaled = new ScaledBar();
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal buyQuote = BigDecimal.ZERO;
        long id = 1;
        for (String[] t : trades) {
            BigDecimal price = new BigDecimal(t[0]);
            BigDecimal quantity = new BigDecimal(t[1]);
            boolean buy = !Boolean.parseBoolean(t[2]);
            assertThat(scaled.add(price.unscaledValue().longValueExact(), price.scale(),
                    quantity.unscaledValue().longValueExact(), quantity.scale(), T0 + id, id, 1, buy,
                    TradeSizes.defaults())).isTrue();
            id++;
            volume = volume.add(quantity);
            quote = quote.add(price.multiply(quantity));
            buyQuote = buy ? buyQuote.add(price.multiply(quantity)) : buyQuote;
        }
        KlineAccumulator bar = new KlineAccumulator(T0);
        scaled.addTo(bar);
        assertThat(bar.quoteVolume).isEqualByComparingTo("18446744077.926599001")
                .isEqualByComparingTo(quote);
        assertThat(bar.quoteVolume.scale()).isEqualTo(9);
        assertThat(bar.takerBuyQuoteVolume).isEqualByComparingTo(buyQuote);
        assertThat(bar.volume).isEqualByComparingTo(volume);
        assertThat(bar.high).isEqualTo(new BigDecimal("303700.0500"));
        assertThat(bar.low).isEqualTo(new BigDecimal("0.0001"));
        assertThat(bar.open).isEqualTo(new BigDecimal("303700.0499"));
        assertThat(bar.close).isEqualTo(new BigDecimal("0.0001"));
        // the two big ones at or above 100,000 (size4), 10 and 0.0001 below 1,000 (size1)
        assertThat(bar.tradeStats.sizeCounts).containsExactly(2, 0, 0, 2);
    }

    @Test
    void aPriceOrQuantityThatIsNotPositiveAddsNothing() {
        ScaledBar scaled = new ScaledBar();
        TradeSizes sizes = TradeSizes.defaults();
        assertThat(scaled.add(0, 2, 5, 0, T0, 1, 1, true, sizes)).isFalse();
        assertThat(scaled.add(-100, 2, 5, 0, T0, 1, 1, true, sizes)).isFalse();
        assertThat(scaled.add(100, 2, 0, 0, T0, 1, 1, true, sizes)).isFalse();
        assertThat(scaled.add(100, 2, Long.MIN_VALUE, 0, T0, 1, 1, true, sizes)).isFalse();
        assertThat(scaled.isEmpty()).isTrue();
    }

    @Test
    void aNotionalAtAThresholdIsInTheBucketAboveItWhateverItsScale() {
        TradeSizes sizes = TradeSizes.defaults();
        String[][] cases = { // price, quantity, expected bucket (1,000 / 10,000 / 100,000)
                {"999.99", "1", "0"}, {"1000", "1", "1"}, {"100.0", "10.00", "1"},
                {"0.0000001", "10000000000", "1"}, {"9999.9999", "1", "1"}, {"10000.0", "1.0", "2"},
                {"99999.99999999", "1.0000000000", "2"}, {"25000", "4", "3"}};
        for (String[] c : cases) {
            BigDecimal price = new BigDecimal(c[0]);
            BigDecimal quantity = new BigDecimal(c[1]);
            ScaledBar scaled = new ScaledBar();
            scaled.add(price.unscaledValue().longValueExact(), price.scale(),
                    quantity.unscaledValue().longValueExact(), quantity.scale(), T0, 1, 1, true, sizes);
            KlineAccumulator bar = new KlineAccumulator(T0);
            scaled.addTo(bar);
            long[] expected = new long[TradeStats.SIZE_BUCKETS];
            expected[Integer.parseInt(c[2])] = 1;
            assertThat(bar.tradeStats.sizeCounts).as("%s × %s", c[0], c[1]).containsExactly(expected);
        }
    }

    private static void assertSameBar(List<Trade> trades) {
        TradeSizes sizes = TradeSizes.defaults();
        TradeRun exact = TradeRun.of(trades.get(0), sizes);
        TradeRun fast = TradeRun.open(trades.get(0), sizes);
        for (Trade t : trades.subList(1, trades.size())) {
            exact.add(t, sizes);
            fast.add(t, sizes);
        }
        fast.seal();
        assertThat(render(fast.bar)).isEqualTo(render(exact.bar));
    }

    /** Every field of the bar, decimals with their scale ({@code toString}, not {@code compareTo}). */
    private static String render(KlineAccumulator b) {
        TradeStats s = b.tradeStats;
        return String.join(" ", "open=" + b.open + "@" + b.openRankTime + "#" + b.openRankId,
                "close=" + b.close + "@" + b.closeRankTime + "#" + b.closeRankId,
                "high=" + b.high, "low=" + b.low, "volume=" + b.volume, "quote=" + b.quoteVolume,
                "count=" + b.count, "takerBuy=" + b.takerBuyVolume, "takerBuyQuote=" + b.takerBuyQuoteVolume,
                "buy=" + s.buyVolume + "/" + s.buyDollarVolume + "/" + s.buyCount,
                "sell=" + s.sellVolume + "/" + s.sellDollarVolume + "/" + s.sellCount,
                "sizes=" + Arrays.toString(s.sizeCounts) + Arrays.toString(s.sizeVolumes));
    }

    private static Trade trade(long id, String price, String quantity, long offset, boolean maker) {
        return TestTrades.trade(Market.USDM, "BTCUSDT", id, id * 2, id * 2 + 1, T0 + offset,
                price, quantity, maker);
    }
}
