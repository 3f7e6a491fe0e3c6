package io.quantstream.connectors.binance.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class LiveSplitEnumeratorTest {

    private static final InstrumentSplit SPOT_BTC = split(Market.SPOT, "BTCUSDT");
    private static final InstrumentSplit USDM_BTC = split(Market.USDM, "BTCUSDT");
    private static final InstrumentSplit USDM_ETH = split(Market.USDM, "ETHUSDT");
    private static final List<String> ORDER = List.of("SPOT:BTCUSDT", "USDM:BTCUSDT", "USDM:ETHUSDT");

    @Test
    void instrumentIGoesToReaderIModParallelism() throws Exception {
        try (MockSplitEnumeratorContext<InstrumentSplit> context = new MockSplitEnumeratorContext<>(2)) {
            LiveSplitEnumerator enumerator =
                    new LiveSplitEnumerator(context, ORDER, List.of(SPOT_BTC, USDM_BTC, USDM_ETH), false);

            register(context, enumerator, 1);
            register(context, enumerator, 0);

            Map<Integer, List<InstrumentSplit>> assigned = context.getSplitsAssignmentSequence().get(0).assignment();
            assertThat(assigned).containsOnlyKeys(1).containsEntry(1, List.of(USDM_BTC));
            assertThat(context.getSplitsAssignmentSequence().get(1).assignment())
                    .containsEntry(0, List.of(SPOT_BTC, USDM_ETH));
            assertThat(enumerator.snapshotState(1).pending()).isEmpty();
            assertThat(context.hasNoMoreSplits(0)).isFalse();
        }
    }

    @Test
    void splitsGivenBackWaitForTheirReaderWithTheirState() throws Exception {
        try (MockSplitEnumeratorContext<InstrumentSplit> context = new MockSplitEnumeratorContext<>(2)) {
            LiveSplitEnumerator enumerator =
                    new LiveSplitEnumerator(context, ORDER, List.of(SPOT_BTC, USDM_BTC, USDM_ETH), true);
            register(context, enumerator, 0);
            register(context, enumerator, 1);
            context.unregisterReader(1);
            InstrumentSplit checkpointed = new InstrumentSplit(USDM_BTC.instrument(), 500, 510, 1000, 900);

            enumerator.addSplitsBack(List.of(checkpointed), 1);
            assertThat(enumerator.snapshotState(2).pending()).containsExactly(checkpointed);
            register(context, enumerator, 1);

            assertThat(context.getSplitsAssignmentSequence().get(2).assignment())
                    .containsEntry(1, List.of(checkpointed));
            assertThat(enumerator.snapshotState(3).pending()).isEmpty();
            assertThat(context.hasNoMoreSplits(1)).isTrue();
        }
    }

    private static void register(MockSplitEnumeratorContext<InstrumentSplit> context,
            LiveSplitEnumerator enumerator, int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static InstrumentSplit split(Market market, String symbol) {
        return InstrumentSplit.start(new Instrument(market, symbol), InstrumentSplit.NONE, 1000);
    }
}
