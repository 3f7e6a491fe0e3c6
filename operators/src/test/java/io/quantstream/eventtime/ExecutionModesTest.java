package io.quantstream.eventtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecutionModes#executesAsBatch} answers what Flink decides for the same job: each case
 * builds its graph twice, once asking and once not, and compares the answer with the job type
 * Flink's own graph generator gives the graph built without asking.
 */
class ExecutionModesTest {

    @Test
    void automaticOverBoundedSourcesIsBatchAsFlinkDecides() {
        Function<StreamExecutionEnvironment, DataStream<Long>> job =
                env -> numbers(env, Boundedness.BOUNDED).union(numbers(env, Boundedness.BOUNDED));

        assertThat(flinksJobType(RuntimeExecutionMode.AUTOMATIC, job)).isEqualTo(JobType.BATCH);
        assertThat(ExecutionModes.executesAsBatch(job.apply(env(RuntimeExecutionMode.AUTOMATIC))))
                .isTrue();
    }

    @Test
    void automaticWithAnUnboundedSourceUpstreamIsStreamingAsFlinkDecides() {
        Function<StreamExecutionEnvironment, DataStream<Long>> job = env ->
                numbers(env, Boundedness.BOUNDED).union(numbers(env, Boundedness.CONTINUOUS_UNBOUNDED));

        assertThat(flinksJobType(RuntimeExecutionMode.AUTOMATIC, job)).isEqualTo(JobType.STREAMING);
        assertThat(ExecutionModes.executesAsBatch(job.apply(env(RuntimeExecutionMode.AUTOMATIC))))
                .isFalse();
    }

    @Test
    void automaticSeesAnUnboundedSourceOfAnotherBranchAlreadyInTheJob() {
        Function<StreamExecutionEnvironment, DataStream<Long>> job = env -> {
            numbers(env, Boundedness.CONTINUOUS_UNBOUNDED).sinkTo(new DiscardingSink<>());
            return numbers(env, Boundedness.BOUNDED);
        };

        assertThat(flinksJobType(RuntimeExecutionMode.AUTOMATIC, job)).isEqualTo(JobType.STREAMING);
        assertThat(ExecutionModes.executesAsBatch(job.apply(env(RuntimeExecutionMode.AUTOMATIC))))
                .isFalse();
    }

    @Test
    void aConfiguredModeIsTheAnswer() {
        StreamExecutionEnvironment batch = env(RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment streaming = env(RuntimeExecutionMode.STREAMING);

        assertThat(ExecutionModes.executesAsBatch(numbers(batch, Boundedness.BOUNDED))).isTrue();
        assertThat(ExecutionModes.executesAsBatch(numbers(streaming, Boundedness.BOUNDED))).isFalse();
    }

    /** A later unbounded source cannot turn a graph built for BATCH into a STREAMING job. */
    @Test
    void anUnboundedSourceAddedAfterTheAnswerFailsTheJobInsteadOfTurningItToStreaming() {
        StreamExecutionEnvironment env = env(RuntimeExecutionMode.AUTOMATIC);
        DataStream<Long> bounded = numbers(env, Boundedness.BOUNDED);
        assertThat(ExecutionModes.executesAsBatch(bounded)).isTrue();
        bounded.union(numbers(env, Boundedness.CONTINUOUS_UNBOUNDED)).sinkTo(new DiscardingSink<>());

        assertThat(env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE))
                .isEqualTo(RuntimeExecutionMode.BATCH);
        assertThatThrownBy(env::getStreamGraph).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Detected an UNBOUNDED source with the"
                        + " 'execution.runtime-mode' set to 'BATCH'");
    }

    private static JobType flinksJobType(RuntimeExecutionMode mode,
            Function<StreamExecutionEnvironment, DataStream<Long>> job) {
        StreamExecutionEnvironment env = env(mode);
        job.apply(env).sinkTo(new DiscardingSink<>());
        return env.getStreamGraph().getJobType();
    }

    private static StreamExecutionEnvironment env(RuntimeExecutionMode mode) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    private static DataStream<Long> numbers(StreamExecutionEnvironment env, Boundedness boundedness) {
        return env.fromSource(new NumberSequenceSource(1, 10) {
            @Override
            public Boundedness getBoundedness() {
                return boundedness;
            }
        }, WatermarkStrategy.noWatermarks(), boundedness.name());
    }
}
