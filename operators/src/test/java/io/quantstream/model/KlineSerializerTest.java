package io.quantstream.model;

import static io.quantstream.testing.RandomRecords.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.testing.RandomRecords;
import io.quantstream.testing.TestTrades;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;

class KlineSerializerTest {

    @Test
    void flinkSerializesKlinesWithIt() {
        assertThat(TypeInformation.of(Kline.class).createSerializer(new SerializerConfigImpl()))
                .isSameAs(KlineSerializer.INSTANCE);
    }

    @Test
    void everyFieldOfRandomKlinesSurvivesTheRoundTripWithItsScale() throws IOException {
        RandomRecords random = new RandomRecords(7);
        for (int i = 0; i < 200; i++) {
            assertRoundTrip(KlineSerializer.INSTANCE, random.of(Kline.class));
        }
    }

    @Test
    void klinesWithoutStatisticsOrFieldsSurviveTheRoundTrip() throws IOException {
        Kline fill = TestTrades.minute("BTCUSDT", TestTrades.T0, "1.10", "1.10", "1.10", "1.10", "0", 0);
        assertThat(assertRoundTrip(KlineSerializer.INSTANCE, fill).tradeStats).isNull();
        assertRoundTrip(KlineSerializer.INSTANCE, new Kline());
    }
}
