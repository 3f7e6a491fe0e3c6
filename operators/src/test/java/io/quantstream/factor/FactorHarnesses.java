package io.quantstream.factor;

import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.testing.CountingHarness;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;

/** Factor calculators in a harness whose counters and keyed state a test can read. */
final class FactorHarnesses {

    private FactorHarnesses() {}

    /** An opened calculator of {@code set}, restored from {@code restored} if not null. */
    static CountingHarness<String, Kline, FactorVector> calculator(String set,
            OperatorSubtaskState restored) throws Exception {
        return CountingHarness.of(new FactorCalculator<>(FactorSet.parse(set)), FactorStages::key,
                Types.STRING, restored);
    }

    /**
     * An opened {@link FactorOperator} of {@code set} keeping up to {@code keys} histories on the
     * heap, restored from {@code restored} if not null.
     */
    static CountingHarness<String, Kline, FactorVector> cached(String set, int keys,
            OperatorSubtaskState restored) throws Exception {
        return CountingHarness.of(new FactorOperator<String>(FactorSet.parse(set), keys),
                FactorStages::key, Types.STRING, restored);
    }

    /** The keyed state of {@code bar}'s key. */
    static ValueState<FactorHistory> history(CountingHarness<String, Kline, FactorVector> h,
            Kline bar) throws Exception {
        KeyedStateBackend<String> backend = h.harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(FactorStages.key(bar));
        return backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, FactorCalculator.historyDescriptor());
    }
}
