package io.quantstream.eventtime;

import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.WithBoundedness;

/**
 * Whether a job executes in BATCH, for the stages that build a different graph for it (a key
 * Flink sorts faster, a stage left out). {@code execution.runtime-mode} says so, or, when it is
 * {@code automatic}, the job's sources do: BATCH when every one is {@link Boundedness#BOUNDED}
 * (Flink's own rule, {@code StreamGraphGenerator#shouldExecuteInBatchMode}, over every source
 * the job has when its graph is generated).
 */
public final class ExecutionModes {

    private ExecutionModes() {}

    /**
     * Whether the job of {@code stream} executes in BATCH. Under {@code automatic} it decides
     * from the sources the job has so far (those {@code stream} and the operators already added
     * read), and sets the environment's mode to the answer: a stage built for BATCH never runs in
     * STREAMING, as it could if an unbounded source joined the job later and Flink's rule turned
     * it to STREAMING; Flink then fails the job instead ("Detected an UNBOUNDED source with the
     * 'execution.runtime-mode' set to 'BATCH'", without naming the source).
     */
    public static boolean executesAsBatch(DataStream<?> stream) {
        StreamExecutionEnvironment env = stream.getExecutionEnvironment();
        RuntimeExecutionMode mode = env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE);
        if (mode == RuntimeExecutionMode.AUTOMATIC) {
            boolean bounded = Stream.concat(Stream.of(stream.getTransformation()),
                            env.getTransformations().stream())
                    .flatMap(t -> t.getTransitivePredecessors().stream())
                    .noneMatch(ExecutionModes::unbounded);
            mode = bounded ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING;
            env.setRuntimeMode(mode);
        }
        return mode == RuntimeExecutionMode.BATCH;
    }

    private static boolean unbounded(Transformation<?> t) {
        return t instanceof WithBoundedness source
                && source.getBoundedness() != Boundedness.BOUNDED;
    }
}
