package io.quantstream.factor;

import io.quantstream.factor.expr.BarField;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.testing.CountingHarness;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Factor calculators in a harness whose counters and keyed state a test can read. */
final class FactorHarnesses {

    private FactorHarnesses() {}

    /**
     * A factor operator in a {@link CountingHarness}, fed klines as the factor stage feeds it:
     * each as the {@link FactorBar} of its set's fields, at its close time.
     */
    static final class FactorHarness implements AutoCloseable {
        final KeyedOneInputStreamOperatorTestHarness<String, FactorBar, FactorVector> harness;
        private final CountingHarness<String, FactorBar, FactorVector> counting;
        private final BarField[] fields;

        private FactorHarness(CountingHarness<String, FactorBar, FactorVector> counting,
                FactorSet set) {
            this.counting = counting;
            this.harness = counting.harness;
            this.fields = set.fieldsRead();
        }

        /** Processes {@code k} at its close time. */
        void process(Kline k) throws Exception {
            harness.processElement(FactorBar.of(k, fields), k.closeTime);
        }

        long count(String name) {
            return counting.count(name);
        }

        @Override
        public void close() throws Exception {
            counting.close();
        }
    }

    /** An opened calculator of {@code set}, restored from {@code restored} if not null. */
    static FactorHarness calculator(String set, OperatorSubtaskState restored) throws Exception {
        FactorSet factors = FactorSet.parse(set);
        return new FactorHarness(CountingHarness.of(new FactorCalculator<>(factors),
                FactorStages::key, Types.STRING, restored), factors);
    }

    /**
     * An opened {@link FactorOperator} of {@code set} keeping up to {@code keys} histories on the
     * heap, restored from {@code restored} if not null.
     */
    static FactorHarness cached(String set, int keys, OperatorSubtaskState restored)
            throws Exception {
        FactorSet factors = FactorSet.parse(set);
        return new FactorHarness(CountingHarness.of(new FactorOperator<String>(factors, keys),
                FactorStages::key, Types.STRING, restored), factors);
    }

    /** The keyed state of {@code bar}'s key. */
    static ValueState<FactorHistory> history(FactorHarness h, Kline bar) throws Exception {
        KeyedStateBackend<String> backend = h.harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(FactorStages.key(bar));
        return backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, FactorCalculator.historyDescriptor());
    }
}
