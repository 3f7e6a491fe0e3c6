package io.quantstream.factor;

import static io.quantstream.testing.RandomRecords.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.factor.expr.BarField;
import io.quantstream.model.Kline;
import io.quantstream.testing.RandomRecords;
import io.quantstream.testing.TestTrades;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;

class FactorBarSerializerTest {

    @Test
    void flinkSerializesFactorBarsWithIt() {
        assertThat(TypeInformation.of(FactorBar.class).createSerializer(new SerializerConfigImpl()))
                .isSameAs(FactorBarSerializer.INSTANCE);
    }

    @Test
    void everyFieldOfRandomBarsSurvivesTheRoundTrip() throws IOException {
        RandomRecords random = new RandomRecords(11);
        for (int i = 0; i < 200; i++) {
            assertRoundTrip(FactorBarSerializer.INSTANCE, random.of(FactorBar.class));
        }
    }

    @Test
    void aBarHoldsTheFieldsItIsMadeWithInTheirOrderAndTheExactClose() throws IOException {
        // 1 BTC at 100.10 and 2 at 100.40: volume 3, quote volume 301.90
        Kline k = TestTrades.minute("BTCUSDT", TestTrades.T0, "100.10", "100.40", "100.10",
                "100.40", "3", 2);
        k.quoteVolume = new BigDecimal("301.90");
        FactorBar bar = FactorBar.of(k,
                new BarField[] {BarField.VWAP, BarField.CLOSE, BarField.COUNT, BarField.BUY_VOLUME});
        assertThat(bar.fields).containsExactly(301.90 / 3, 100.40, 2, Double.NaN);
        assertThat(bar.close).isSameAs(k.close);
        assertThat(bar.describe(new BarField[] {BarField.VWAP, BarField.CLOSE, BarField.COUNT,
                BarField.BUY_VOLUME}))
                .contains("SPOT:BTCUSDT:1m", "close=100.40", "$close=100.4", "$count=2.0",
                        "$buy_volume=NaN");
        FactorBar back = assertRoundTrip(FactorBarSerializer.INSTANCE, bar);
        assertThat(back.close).isEqualTo(new BigDecimal("100.40")); // scale kept
        assertRoundTrip(FactorBarSerializer.INSTANCE, FactorBar.of(new Kline(), new BarField[0]));
    }
}
