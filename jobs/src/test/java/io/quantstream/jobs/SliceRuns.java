package io.quantstream.jobs;

import io.quantstream.jobs.config.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the slice job on the test's MiniCluster. */
final class SliceRuns {

    private SliceRuns() {}

    static void run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        SliceJob.define(env, config);
        env.execute(config.name);
    }
}
