package io.quantstream.model;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Passes dead letters through and counts them by where and why they were rejected: counter
 * {@code deadLetters} in a metric group keyed by {@code stage} and {@code reason} (Prometheus
 * labels, e.g. {@code stage="validate",reason="negative-price"}), so one place before the
 * dead-letter sink counts every stage's rejections (DESIGN.md rule 4).
 *
 * <p>Cardinality: stages and reasons are the fixed names the stages use ({@link DeadLetter#stage},
 * {@link DeadLetter#reason}); a missing one counts as {@code unknown}.
 */
public class DeadLetterCounter extends RichMapFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** Operator uid of {@link #count}: one per job, before its dead-letter sink. */
    public static final String UID = "count-dead-letters";

    private transient MetricGroup metrics;
    private transient Map<String, Counter> counters;

    /** {@code letters}, counted by stage and reason; a stateless operator, uid {@link #UID}. */
    public static SingleOutputStreamOperator<DeadLetter> count(DataStream<DeadLetter> letters) {
        return letters.map(new DeadLetterCounter(), letters.getType())
                .name("count dead letters").uid(UID);
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup();
        counters = new HashMap<>();
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        String stage = orUnknown(letter.stage);
        String reason = orUnknown(letter.reason);
        counters.computeIfAbsent(stage + '\n' + reason, k -> metrics.addGroup("stage", stage)
                .addGroup("reason", reason).counter("deadLetters")).inc();
        return letter;
    }

    private static String orUnknown(String name) {
        return name == null || name.isEmpty() ? "unknown" : name;
    }
}
