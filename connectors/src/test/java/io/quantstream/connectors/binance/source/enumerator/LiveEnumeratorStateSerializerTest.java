package io.quantstream.connectors.binance.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

class LiveEnumeratorStateSerializerTest {

    private final LiveEnumeratorStateSerializer serializer = new LiveEnumeratorStateSerializer();

    @Test
    void roundTripKeepsThePendingSplitsInOrder() throws IOException {
        LiveEnumeratorState state = new LiveEnumeratorState(List.of(
                new InstrumentSplit(new Instrument(Market.USDM, "BTCUSDT"), 5, 7, 1000, Long.MAX_VALUE),
                InstrumentSplit.start(new Instrument(Market.SPOT, "BTCUSDT"), InstrumentSplit.NONE, 99)));

        assertThat(serializer.deserialize(1, serializer.serialize(state))).isEqualTo(state);
    }

    @Test
    void anEmptyStateRoundTrips() throws IOException {
        LiveEnumeratorState empty = new LiveEnumeratorState(List.of());

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(empty))).isEqualTo(empty);
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThatThrownBy(() -> serializer.deserialize(0, new byte[4])).isInstanceOf(IOException.class);
    }
}
