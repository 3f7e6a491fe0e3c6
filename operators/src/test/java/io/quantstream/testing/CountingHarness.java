package io.quantstream.testing;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A keyed operator harness (generic types disabled, as in {@link Harnesses}) whose operator's
 * counters can be read, optionally restored from a snapshot of another harness: the way to test
 * what an operator does with state written by another configuration.
 */
public final class CountingHarness<K, IN, OUT> implements AutoCloseable {

    /** The opened harness. */
    public final KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> harness;
    private final Metrics metrics;
    private final MockEnvironment environment;

    private CountingHarness(OneInputStreamOperator<IN, OUT> operator, KeySelector<IN, K> key,
            TypeInformation<K> keyType, OperatorSubtaskState restored) throws Exception {
        metrics = new Metrics();
        environment = MockEnvironment.builder().setMetricGroup(metrics).build();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, key, keyType, environment);
        harness.getExecutionConfig().configure(Harnesses.noGenericTypes(),
                CountingHarness.class.getClassLoader());
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    /** An opened harness around {@code operator}, restored from {@code restored} if not null. */
    public static <K, IN, OUT> CountingHarness<K, IN, OUT> of(
            OneInputStreamOperator<IN, OUT> operator, KeySelector<IN, K> key,
            TypeInformation<K> keyType, OperatorSubtaskState restored) throws Exception {
        return new CountingHarness<>(operator, key, keyType, restored);
    }

    /** An opened harness around {@code function}, restored from {@code restored} if not null. */
    public static <K, IN, OUT> CountingHarness<K, IN, OUT> of(
            KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> key,
            TypeInformation<K> keyType, OperatorSubtaskState restored) throws Exception {
        return of(new KeyedProcessOperator<>(function), key, keyType, restored);
    }

    /** Current value of the operator's counter {@code name}; 0 if it registered none. */
    public long count(String name) {
        Object metric = metrics.operator.get(name);
        return metric == null ? 0 : ((Counter) metric).getCount();
    }

    @Override
    public void close() throws Exception {
        harness.close();
        environment.close();
    }

    /** Hands every operator the same intercepting group, so its counters can be read back. */
    private static final class Metrics
            extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
        private final InterceptingOperatorMetricGroup operator =
                new InterceptingOperatorMetricGroup();

        @Override
        public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
            return operator;
        }
    }
}
