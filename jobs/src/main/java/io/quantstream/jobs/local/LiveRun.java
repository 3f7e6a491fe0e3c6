package io.quantstream.jobs.local;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.replay.ReplayInputs;
import io.quantstream.connectors.replay.ReplaySummary;
import io.quantstream.connectors.replay.Speed;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.PipelineJob;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The live path on this machine ({@code bin/quantstream live}): {@link PipelineJob} on a local
 * MiniCluster with the web UI, between the topics of a Kafka broker, optionally fed by a replay of
 * trade files in the same process, with a status line ({@link LiveStatus}).
 *
 * <ul>
 *   <li><b>Broker</b>: {@code kafka.bootstrapServers} when a broker answers there; else, for a
 *       localhost address, the local broker of {@link LocalBroker} in the broker folder, started
 *       on the configured port when it does not run (one running at another address is an
 *       error, not a fallback). It runs on after the live run, like {@code kafka start}'s. The
 *       config's missing topics are created.
 *   <li><b>State</b>: checkpoints (RocksDB, incremental, every {@link JobEnvironment#CHECKPOINT_INTERVAL}
 *       unless {@code flink:} says otherwise) go to the state folder ({@link LiveState}) and are
 *       retained when the process dies. A run starts from the checkpoint or savepoint written
 *       last there, so the same command run again after a crash (also {@code kill -9}) resumes:
 *       its Kafka sources at the checkpointed offsets, its exactly-once sinks abort what the dead
 *       run left uncommitted, and the replay resumes after the last trade on the topic. Nothing is
 *       lost and nothing repeated downstream.
 *   <li><b>End</b>: without {@code exitWhenDone} the run goes on until the process is stopped.
 *       With it, once the replay has committed every trade and the job's consumer group has
 *       committed offsets past every record of the trades and control topics, the job is
 *       drained ({@link LocalCluster#drain}): the final watermark closes the last bars as at the
 *       end of a file input, and the savepoint commits the last transactions. Then the output
 *       topics are written to the output folder ({@link TopicFiles}) and summarised like a file
 *       run's ({@link RunSummary}).
 * </ul>
 */
public final class LiveRun {

    /** Between two looks at the job, the replay and the topics. */
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Between two status lines when the output is not a terminal. */
    private static final long LOG_LINE_SECONDS = 10;
    /**
     * While the replay is complete but not yet read: a checkpoint this often, so the sources
     * commit their offsets sooner than every checkpoint interval.
     */
    private static final Duration CATCH_UP_CHECKPOINTS = Duration.ofSeconds(2);
    /** Stop-with-savepoint fails when a task is not running, e.g. while the job restarts. */
    private static final int DRAIN_ATTEMPTS = 5;

    /**
     * What to run.
     *
     * @param config a config for the jobs on Kafka (not bounded)
     * @param stateDir the state folder ({@link LiveState})
     * @param brokerDir folder of the local broker started when none answers
     * @param replay trade files or folders to replay onto the trades topic; empty for none
     * @param speed of the replay
     * @param exitWhenDone end when the replay is through the job and committed (needs a replay)
     * @param output where the output topics are written at the end (with {@code exitWhenDone})
     * @param webUi serve the Flink web UI on the first free port of 8081–8099
     */
    public record Options(JobConfig config, Path stateDir, Path brokerDir, List<Path> replay,
            Speed speed, boolean exitWhenDone, Path output, boolean webUi) {}

    private final Options options;
    private final JobConfig config;
    private final PrintStream out;
    private final boolean console = System.console() != null;

    private LiveRun(Options options, PrintStream out) {
        this.options = options;
        this.config = options.config();
        this.out = out;
    }

    /**
     * Runs until the process is stopped, or with {@code exitWhenDone} until the replay is through.
     *
     * @throws IllegalArgumentException if the options or the replay inputs are wrong, or no broker
     *     answers at a configured address that is not on localhost
     * @throws Exception with the cause when the job or the replay fails
     */
    public static void execute(Options options, PrintStream out) throws Exception {
        new LiveRun(options, out).run();
    }

    private void run() throws Exception {
        if (config.kafka.bounded) {
            throw new IllegalArgumentException("kafka.bounded: a live run reads its topics without end"
                    + " (--exit-when-done ends a run with a replay)");
        }
        if (options.exitWhenDone() && options.replay().isEmpty()) {
            throw new IllegalArgumentException("--exit-when-done needs --replay: without a replay the"
                    + " input has no end");
        }
        List<InputFile> files = options.replay().isEmpty() ? List.of()
                : ReplayInputs.discover(options.replay(), null, null).trades();
        LiveKafka kafka = new LiveKafka(config, out);
        config.kafka.bootstrapServers = kafka.broker(options.brokerDir());
        kafka.createTopics();

        LiveState state = new LiveState(options.stateDir());
        Configuration conf = configuration(state);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        new PipelineJob(config, KafkaInput.trades(config, PipelineJob.NAME).build(),
                KafkaInput.control(config, PipelineJob.NAME).build(),
                KafkaSinks.of(config, PipelineJob.NAME)).define(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(config.name + " " + PipelineJob.NAME);
        Optional<Path> latest = state.latest();
        if (latest.isPresent()) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(latest.get().toUri().toString()));
            out.println("resuming from " + latest.get());
        } else {
            out.println("starting without state (nothing to resume in " + state.dir() + ")");
            // offsets an earlier run of this config committed are not this run's positions
            kafka.forgetGroupOffsets();
            kafka.warnIfWrittenBefore();
        }

        long start = System.nanoTime();
        long cpuStart = LocalRun.processCpuNanos();
        List<LocalCluster.VertexCounts> vertices;
        BackgroundReplay replay = null;
        try (LocalCluster cluster = new LocalCluster(conf, config.parallelism,
                options.webUi() ? "8081-8099" : "0")) {
            if (options.webUi()) {
                out.println("Flink web UI: " + cluster.webUi() + "  (while the job runs)");
            }
            JobID job = cluster.submit(graph);
            if (!files.isEmpty()) {
                out.printf("replaying %d trade files to topic %s at speed %s%n", files.size(),
                        config.kafka.topics.trades.name, options.speed());
                replay = BackgroundReplay.start(config.kafka.bootstrapServers,
                        config.kafka.topics.trades.name, files, options.speed());
            }
            JobResult result = watch(cluster, job, state, replay, start);
            vertices = cluster.finished(job, result);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TopicFiles.write(config.kafka.bootstrapServers, config.kafka.topics, options.output());
        RunSummary.print(out, options.output(), vertices, seconds);
        out.printf("CPU %.1f s; state in %s%n",
                (LocalRun.processCpuNanos() - cpuStart) / 1e9, state.dir());
    }

    /**
     * Watches the running job until it ends: prints the status line, reports the replay when it
     * is done, and with {@code exitWhenDone} drains the job once the replay is through it.
     */
    private JobResult watch(LocalCluster cluster, JobID job, LiveState state,
            BackgroundReplay replay, long start) throws Exception {
        CompletableFuture<JobResult> ended = cluster.result(job);
        CompletableFuture<String> drained = null;
        int drainFailures = 0;
        boolean pruned = false;
        boolean replayReported = false;
        long lastCheckpoint = 0;
        CompletableFuture<Long> catchUp = CompletableFuture.completedFuture(0L);
        long lastLogged = Long.MIN_VALUE;
        String group = KafkaInput.groupId(config, PipelineJob.NAME);
        List<String> sources = List.of(config.kafka.topics.trades.name, config.kafka.topics.control.name);
        try (LiveStatus status = new LiveStatus(config, cluster);
                GroupBacklog backlog = new GroupBacklog(config.kafka.bootstrapServers)) {
            while (true) {
                try {
                    JobResult result = ended.get(TICK.toMillis(), TimeUnit.MILLISECONDS);
                    clearLine();
                    return result;
                } catch (TimeoutException running) {
                    // look at the replay and the topics below
                }
                if (replay != null && replay.done().isCompletedExceptionally()) {
                    clearLine();
                    replay.done().join(); // throws the replay's failure; closing the cluster stops the job
                }
                if (!pruned && drained == null && state.hasCheckpoint(job)) {
                    state.pruneBefore(job);
                    pruned = true;
                }
                long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                String line = status.update(job, replay != null ? replay.eventTime() : System.currentTimeMillis(),
                        elapsed);
                if (console) {
                    out.print("\r" + line + "   ");
                    out.flush();
                } else if (lastLogged == Long.MIN_VALUE || elapsed - lastLogged >= LOG_LINE_SECONDS) {
                    out.println(line);
                    lastLogged = elapsed;
                }
                if (replay != null && replay.done().isDone() && !replayReported) {
                    say(replayed(replay.done().join()));
                    replayReported = true;
                }
                // a drain while a triggered checkpoint is pending would make the task decline it
                if (options.exitWhenDone() && drained == null && replayReported && catchUp.isDone()) {
                    if (backlog.isRead(group, sources)) {
                        say("the replay is through the job: draining it (final watermark, last bars,"
                                + " final savepoint in " + state.savepoints() + ")");
                        drained = cluster.drain(job, state.savepoints());
                    } else if (System.nanoTime() - lastCheckpoint > CATCH_UP_CHECKPOINTS.toNanos()) {
                        catchUp = cluster.checkpoint(job).exceptionally(failed -> -1L);
                        lastCheckpoint = System.nanoTime();
                    }
                }
                if (drained != null && drained.isCompletedExceptionally() && !ended.isDone()) {
                    String failure = failure(drained);
                    if (++drainFailures >= DRAIN_ATTEMPTS) {
                        clearLine();
                        throw new IllegalStateException("the drain at the end of the replay failed "
                                + drainFailures + " times (a new run resumes and drains again): " + failure);
                    }
                    say("the drain failed (" + failure + "); trying again");
                    drained = null; // the job runs on: stop-with-savepoint leaves it running when it fails
                }
            }
        }
    }

    private static String failure(CompletableFuture<?> failed) {
        try {
            failed.join();
            return "none";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getMessage();
        }
    }

    private static String replayed(ReplaySummary s) {
        return String.format("replay done: %,d trades published in %.1f s, %,d already on the topic%s",
                s.published(), s.seconds(), s.alreadyPublished(), s.rejectedTotal() == 0 ? ""
                        : String.format(", %,d lines not published %s", s.rejectedTotal(), s.rejected()))
                + (s.published() > 0 ? "; event time " + Instant.ofEpochMilli(s.firstTradeTime()) + " .. "
                        + Instant.ofEpochMilli(s.lastTradeTime()) : "");
    }

    /** Prints a message on a line of its own, also while the status line is shown. */
    private void say(String message) {
        clearLine();
        out.println(message);
    }

    private void clearLine() {
        if (console) {
            out.print("\r" + " ".repeat(160) + "\r");
        }
    }

    /**
     * The job's configuration ({@link JobEnvironment#kafkaJob}) with checkpoints and savepoints
     * in the state folder, checkpoints retained when the job is cancelled or the process dies;
     * also the MiniCluster's.
     */
    private Configuration configuration(LiveState state) {
        Configuration conf = JobEnvironment.kafkaJob(config);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, state.checkpoints().toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, state.savepoints().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // the status line's trade count comes from the REST API, which fetches metrics every 10 s by default
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, TICK);
        return conf;
    }
}
