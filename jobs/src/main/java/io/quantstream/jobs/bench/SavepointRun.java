package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantstream.factor.FactorSet;
import io.quantstream.jobs.FactorJob;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalCluster;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.Interval;
import io.quantstream.savepoints.FactorStateBootstrap;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * {@code bench state}, savepoints: factor state of {@code instruments × intervals} keys built from
 * synthetic klines with {@code state bootstrap}'s writer ({@link FactorStateBootstrap}), then
 * {@code FactorJob} (its Kafka sources idle) on an embedded MiniCluster in this JVM, on RocksDB:
 * started without state, restored from the bootstrapped savepoint, savepointed in both formats
 * while running, and restored from each.
 *
 * <p>Restore time: from submission until every task of the job is {@code RUNNING} (tasks restore
 * their state while {@code INITIALIZING}); the factor operator's own part is the longest
 * {@code INITIALIZING → RUNNING} of its subtasks (Flink's {@code subtasktimes}).
 */
final class SavepointRun {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    /**
     * @param start the job from submission to all tasks running, seconds
     * @param factorInitialization the factor subtasks' longest initialization, seconds
     */
    record Start(double start, double factorInitialization) {}

    /** One savepoint of the running job: its format, size, duration, and a restore from it. */
    record Savepoint(String format, long bytes, double seconds, Start restore) {}

    /**
     * @param keys factor keys (instrument × interval)
     * @param stateDoublesPerKey doubles of node history per key ({@link FactorSet#stateSize})
     * @param bootstrapSeconds wall time of the bootstrap job (klines generated, computed, written)
     * @param bootstrapBytes size of the bootstrapped savepoint
     * @param empty the job started without state
     * @param bootstrapped the job restored from the bootstrapped savepoint
     */
    record Result(String factors, int instruments, List<String> intervals, int keys,
            int barsPerKey, int stateDoublesPerKey, double bootstrapSeconds, long bootstrapBytes,
            Start empty, Start bootstrapped, List<Savepoint> savepoints) {}

    private SavepointRun() {}

    static Result run(LiveBenchSetup setup, List<String> jobArgs, int instruments,
            List<Interval> intervals, int bars) throws Exception {
        JobConfig config = setup.createTopics(jobArgs);
        FactorSet factors = FactorSet.parse(config.factors);
        Path dir = setup.work().resolve("savepoints");
        LiveBench.deleteRecursively(dir);
        Files.createDirectories(dir);
        Configuration conf = JobEnvironment.kafkaJob(config);
        try (LocalCluster cluster = new LocalCluster(conf, config.parallelism, "0")) {
            Path bootstrap = dir.resolve("bootstrapped");
            setup.log().printf("bootstrapping factor state [%s] of %d instruments x %s, %d bars"
                    + " each ...%n", factors.label(), instruments, intervals, bars);
            long t0 = System.nanoTime();
            cluster.run(bootstrapJob(config, factors, instruments, intervals, bars, bootstrap), null);
            double bootstrapSeconds = seconds(t0);

            Started empty = started(cluster, config, null, setup);
            stop(cluster, empty.job);
            Started restored = started(cluster, config, bootstrap, setup);
            List<Savepoint> savepoints = new ArrayList<>();
            List<Path> taken = new ArrayList<>();
            List<Double> durations = new ArrayList<>();
            for (SavepointFormatType format : List.of(SavepointFormatType.CANONICAL,
                    SavepointFormatType.NATIVE)) {
                long s0 = System.nanoTime();
                String path = cluster.savepoint(restored.job, dir.resolve(format.name().toLowerCase()),
                        format).get();
                durations.add(seconds(s0));
                taken.add(Path.of(URI.create(path)));
                setup.log().printf("%s savepoint: %.2f s, %,d bytes%n", format,
                        durations.get(durations.size() - 1), bytes(taken.get(taken.size() - 1)));
            }
            stop(cluster, restored.job);
            for (int i = 0; i < taken.size(); i++) {
                Started again = started(cluster, config, taken.get(i), setup);
                stop(cluster, again.job);
                savepoints.add(new Savepoint(i == 0 ? "canonical" : "native", bytes(taken.get(i)),
                        durations.get(i), again.start));
            }
            return new Result(factors.label(), instruments,
                    intervals.stream().map(Interval::label).toList(), instruments * intervals.size(),
                    bars, factors.stateSize(), bootstrapSeconds, bytes(bootstrap), empty.start,
                    restored.start, savepoints);
        }
    }

    private static StreamExecutionEnvironment bootstrapJob(JobConfig config, FactorSet factors,
            int instruments, List<Interval> intervals, int bars, Path out) {
        Configuration conf = JobEnvironment.configuration(config);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, true); // the State Processor API's own records
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        long end = Interval.parse("1d").openTime(System.currentTimeMillis());
        FactorStateBootstrap.define(SyntheticKlines.stream(env, instruments, intervals, bars, end),
                factors, JobEnvironment.MAX_PARALLELISM, out);
        return env;
    }

    private record Started(JobID job, Start start) {}

    private static void stop(LocalCluster cluster, JobID job) throws Exception {
        cluster.cancel(job).get();
        cluster.result(job).get();
    }

    /** Submits FactorJob (restored from {@code savepoint} unless null) and waits until it runs. */
    private static Started started(LocalCluster cluster, JobConfig config, Path savepoint,
            LiveBenchSetup setup) throws Exception {
        Configuration conf = JobEnvironment.kafkaJob(config);
        // savepoints as files, as on a cluster (flink-conf): JobManager storage refuses 5 MB+
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                setup.work().resolve("checkpoints").toUri().toString());
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        new FactorJob(config, KafkaInput.klines(config, FactorJob.NAME).build(),
                KafkaSinks.of(config, FactorJob.NAME)).define(env);
        long t0 = System.nanoTime();
        JobID job = cluster.submit(env.getStreamGraph());
        long deadline = t0 + START_TIMEOUT.toNanos();
        while (!allRunning(cluster.get("/jobs/" + job))) {
            if (cluster.result(job).isDone() || System.nanoTime() > deadline) {
                throw new IllegalStateException("FactorJob did not start"
                        + (savepoint == null ? "" : " from " + savepoint) + ": "
                        + cluster.get("/jobs/" + job).path("state").asText());
            }
            Thread.sleep(20);
        }
        double start = seconds(t0);
        double init = factorInitialization(cluster, job);
        setup.log().printf("FactorJob %s: running after %.2f s (factor state initialized in %.2f s)%n",
                savepoint == null ? "without state" : "from " + savepoint.getFileName(), start, init);
        return new Started(job, new Start(start, init));
    }

    private static boolean allRunning(JsonNode job) {
        JsonNode vertices = job.path("vertices");
        if (!"RUNNING".equals(job.path("state").asText()) || vertices.isEmpty()) {
            return false;
        }
        for (JsonNode v : vertices) {
            if (!"RUNNING".equals(v.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private static double factorInitialization(LocalCluster cluster, JobID job) throws Exception {
        for (JsonNode v : cluster.get("/jobs/" + job).path("vertices")) {
            if (v.path("name").asText().contains("factors [")) {
                long longest = 0;
                JsonNode times = cluster.get("/jobs/" + job + "/vertices/" + v.path("id").asText()
                        + "/subtasktimes");
                for (JsonNode subtask : times.path("subtasks")) {
                    JsonNode ts = subtask.path("timestamps");
                    longest = Math.max(longest, ts.path("RUNNING").asLong() - ts.path("INITIALIZING").asLong());
                }
                return longest / 1e3;
            }
        }
        throw new IllegalStateException("FactorJob has no factor vertex");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long bytes(Path dir) throws IOException {
        return FileUtils.getDirectoryFilesSize(dir);
    }
}
