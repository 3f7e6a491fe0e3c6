package io.quantstream.model;

import static io.quantstream.testing.RandomRecords.assertSameFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.testing.RandomRecords;
import io.quantstream.testing.TestTrades;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class KlineSerializerTest {

    private static Kline roundTrip(Kline k) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        KlineSerializer.INSTANCE.serialize(k, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Kline back = KlineSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).as("bytes left after the record").isZero();
        return back;
    }

    @Test
    void flinkSerializesKlinesWithIt() {
        assertThat(TypeInformation.of(Kline.class).createSerializer(new SerializerConfigImpl()))
                .isSameAs(KlineSerializer.INSTANCE);
    }

    @Test
    void everyFieldOfRandomKlinesSurvivesTheRoundTripWithItsScale() throws IOException {
        RandomRecords random = new RandomRecords(7);
        for (int i = 0; i < 200; i++) {
            Kline k = random.of(Kline.class);
            assertSameFields(roundTrip(k), k);
            assertSameFields(KlineSerializer.INSTANCE.copy(k), k);
        }
    }

    @Test
    void klinesWithoutStatisticsOrFieldsSurviveTheRoundTrip() throws IOException {
        Kline fill = TestTrades.minute("BTCUSDT", TestTrades.T0, "1.10", "1.10", "1.10", "1.10", "0", 0);
        assertSameFields(roundTrip(fill), fill);
        assertThat(roundTrip(fill).tradeStats).isNull();
        assertSameFields(roundTrip(new Kline()), new Kline());
    }
}
