package io.quantstream.kline;

import static io.quantstream.testing.RandomRecords.assertSameFields;
import static io.quantstream.testing.TestTrades.T0;
import static io.quantstream.testing.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.RandomRecords;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TradeRunSerializerTest {

    private static final TradeRunSerializer SERIALIZER = TradeRunSerializer.INSTANCE;

    private static TradeRun roundTrip(TradeRun run) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(run, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        TradeRun back = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("bytes left after the record").isZero();
        return back;
    }

    @Test
    void everyFieldOfRandomRunsSurvivesTheRoundTripWithItsScale() throws IOException {
        RandomRecords random = new RandomRecords(9);
        for (int i = 0; i < 200; i++) {
            TradeRun run = random.of(TradeRun.class);
            assertSameFields(roundTrip(run), run);
            assertSameFields(SERIALIZER.copy(run), run);
        }
    }

    @Test
    void runsOfTheShapesThePreAggregatorEmitsSurviveTheRoundTrip() throws IOException {
        Trade first = trade("ALGOUSDT", 1, T0 + 100, "0.2500", "10.0", false);
        TradeRun run = TradeRun.of(first, TradeSizes.defaults());
        run.add(trade("ALGOUSDT", 2, T0 + 200, "123456789012345678901.5", "3", true), TradeSizes.defaults());
        TradeRun back = roundTrip(run);
        assertSameFields(back, run);
        assertThat(back.bar.open).isEqualTo(new BigDecimal("0.2500"));
        assertThat(back.bar.high).isEqualTo(new BigDecimal("123456789012345678901.5"));

        TradeRun empty = new TradeRun(); // a run of non-market trades only: no open, no statistics
        empty.market = Market.COINM;
        empty.symbol = "BTCUSD_PERP";
        empty.bar = new KlineAccumulator(T0);
        assertSameFields(roundTrip(empty), empty);
        assertThat(roundTrip(empty).bar.open).isNull();
        assertThat(roundTrip(new TradeRun()).bar).isNull();
    }
}
