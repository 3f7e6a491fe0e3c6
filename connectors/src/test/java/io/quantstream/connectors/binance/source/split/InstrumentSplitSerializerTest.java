package io.quantstream.connectors.binance.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

class InstrumentSplitSerializerTest {

    private final InstrumentSplitSerializer serializer = new InstrumentSplitSerializer();

    @Test
    void roundTripKeepsEveryField() throws IOException {
        InstrumentSplit split = new InstrumentSplit(new Instrument(Market.COINM, "BTCUSD_PERP"),
                1_234_567_890L, 9_876_543_210L, 1_721_347_022_504L, Long.MAX_VALUE);

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split))).isEqualTo(split);
    }

    @Test
    void aSplitThatDeliveredNothingRoundTrips() throws IOException {
        InstrumentSplit split = InstrumentSplit.start(new Instrument(Market.SPOT, "ETHUSDT"),
                InstrumentSplit.NONE, Long.MAX_VALUE);

        InstrumentSplit back = serializer.deserialize(1, serializer.serialize(split));

        assertThat(back).isEqualTo(split);
        assertThat(back.splitId()).isEqualTo("SPOT:ETHUSDT");
        assertThat(back.finished()).isFalse();
    }

    @Test
    void version1IsTheDocumentedLayout() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("USDM");
        out.writeUTF("BTCUSDT");
        out.writeLong(42);
        out.writeLong(4242);
        out.writeLong(1_721_347_022_504L);
        out.writeLong(100);

        InstrumentSplit split = serializer.deserialize(1, bytes.toByteArray());

        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThat(split).isEqualTo(new InstrumentSplit(new Instrument(Market.USDM, "BTCUSDT"), 42, 4242,
                1_721_347_022_504L, 100));
        assertThat(serializer.serialize(split)).isEqualTo(bytes.toByteArray());
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }
}
