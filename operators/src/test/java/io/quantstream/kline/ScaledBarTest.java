package io.quantstream.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;
import io.quantstream.testing.TestTrades;
import java.math.BigDecimal;
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
