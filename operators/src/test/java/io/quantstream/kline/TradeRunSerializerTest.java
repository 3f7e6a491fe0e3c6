package io.quantstream.kline;

import static io.quantstream.testing.RandomRecords.assertRoundTrip;
import static io.quantstream.testing.TestTrades.T0;
import static io.quantstream.testing.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.testing.RandomRecords;
import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TradeRunSerializerTest {

    private static final TradeRunSerializer SERIALIZER = TradeRunSerializer.INSTANCE;

    @Test
    void everyFieldOfRandomRunsSurvivesTheRoundTripWithItsScale() throws IOException {
        RandomRecords random = new RandomRecords(9);
        for (int i = 0; i < 200; i++) {
            assertRoundTrip(SERIALIZER, random.of(TradeRun.class));
        }
    }

    @Test
    void runsOfTheShapesThePreAggregatorEmitsSurviveTheRoundTrip() throws IOException {
        TradeRun run = TradeRun.of(trade("ALGOUSDT", 1, T0 + 100, "0.2500", "10.0", false),
                TradeSizes.defaults());
        run.add(trade("ALGOUSDT", 2, T0 + 200, "123456789012345678901.5", "3", true),
                TradeSizes.defaults());
        TradeRun back = assertRoundTrip(SERIALIZER, run);
        assertThat(back.bar.open).isEqualTo(new BigDecimal("0.2500"));
        assertThat(back.bar.high).isEqualTo(new BigDecimal("123456789012345678901.5"));

        TradeRun empty = new TradeRun(); // a run of non-market trades only: no open, no statistics
        empty.market = Market.COINM;
        empty.symbol = "BTCUSD_PERP";
        empty.bar = new KlineAccumulator(T0);
        assertThat(assertRoundTrip(SERIALIZER, empty).bar.open).isNull();
        assertThat(assertRoundTrip(SERIALIZER, new TradeRun()).bar).isNull();
    }
}
