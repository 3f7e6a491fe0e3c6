package io.quantstream.testing;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Operator test harnesses configured like every job (DESIGN.md rule 3): generic types disabled,
 * so state or records that would fall back to Kryo fail the test.
 */
public final class Harnesses {

    private Harnesses() {}

    /** Configuration with {@code pipeline.generic-types: false}. */
    public static Configuration noGenericTypes() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** An opened keyed harness around {@code function}; generic types disabled. */
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(
            KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> key,
            TypeInformation<K> keyType) throws Exception {
        return keyed(new KeyedProcessOperator<>(function), key, keyType);
    }

    /** An opened keyed harness around {@code operator}; generic types disabled. */
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(
            OneInputStreamOperator<IN, OUT> operator, KeySelector<IN, K> key,
            TypeInformation<K> keyType) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, key, keyType);
        harness.getExecutionConfig().configure(noGenericTypes(), Harnesses.class.getClassLoader());
        if (!harness.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()) {
            throw new IllegalStateException("generic types still enabled");
        }
        harness.open();
        return harness;
    }
}
