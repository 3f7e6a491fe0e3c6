package io.quantstream.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.replay.ReplayClock;
import io.quantstream.connectors.replay.ReplayInputs;
import io.quantstream.connectors.replay.ReplaySummary;
import io.quantstream.connectors.replay.Replayer;
import io.quantstream.connectors.replay.Speed;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.local.LocalBroker;
import io.quantstream.model.Market;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bench live}: the jobs on Kafka measured against a broker on this machine, in a JVM of
 * its own ({@link LocalBroker} under {@code WORK/kafka}, started fresh and stopped at the end).
 *
 * <ol>
 *   <li><b>Throughput</b>: the workload's trades written to a topic first ({@link Replayer} at
 *       max speed), then {@link ThroughputRun}s of {@code MarketDataJob}, each timed and checked.
 *   <li><b>Latency</b>: one {@link LatencyRun} of {@code PipelineJob} per delivery guarantee of
 *       the target-positions sink, on live trades at a fixed rate.
 * </ol>
 */
public final class LiveBench {

    /**
     * @param config YAML job config of every run
     * @param overrides {@code --key.path value} on top of it
     * @param workload the trades of the throughput runs; null = no throughput runs
     * @param runs throughput runs (the median is reported)
     * @param deliveries target-positions sink guarantees to measure latency with; empty = none
     * @param rate trades per second of the latency runs
     * @param instruments instruments of the latency runs
     * @param profile a JFR file for the first throughput run's job process, or null
     */
    public record Settings(Path work, Path config, List<String> overrides, Workload workload,
            int runs, List<String> deliveries, double rate, int instruments, Duration duration,
            Duration warmUp, Duration checkpointInterval, Path profile) {}

    /**
     * @param cores processors of this machine
     * @param loadBefore the machine's 1-minute load average when the bench started
     * @param loadAfter the same when it ended
     * @param preloadSeconds time to write the workload to the trades topic
     * @param throughput the throughput runs in order; empty without a workload
     * @param latency one per delivery guarantee
     */
    public record Result(int cores, double loadBefore, double loadAfter, String config,
            long checkpointIntervalMs, String workload, long trades, double preloadSeconds,
            List<ThroughputRun.Result> throughput, List<LatencyRun.Result> latency) {

        /**
         * The throughput run of median job CPU time (of two, the slower), the profiled run left
         * out unless it is the only one; null without runs.
         */
        @JsonProperty
        public ThroughputRun.Result medianThroughput() {
            List<ThroughputRun.Result> sorted = new ArrayList<>(throughput.stream()
                    .filter(r -> !r.profiled()).toList());
            if (sorted.isEmpty()) {
                sorted.addAll(throughput);
            }
            sorted.sort(Comparator.comparingDouble(r -> r.job().jobCpuSeconds()));
            return sorted.isEmpty() ? null : sorted.get(sorted.size() / 2);
        }
    }

    /** The topic the throughput runs read: the workload's trades. */
    static final String WORKLOAD_TOPIC = "workload-trades";

    private LiveBench() {}

    /**
     * @param log progress lines
     * @throws IllegalArgumentException if the config is not one of a job on Kafka
     * @throws IllegalStateException if the broker, a job or the feed fails
     */
    public static Result run(Settings s, PrintWriter log) throws IOException, InterruptedException {
        ConfigLoader.load(s.config(), s.overrides()); // a bad config fails before the broker starts
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        LocalBroker broker = new LocalBroker(s.work().resolve("kafka"));
        try {
            LiveBenchSetup setup = startFresh(broker, s.work(), s.config(), s.overrides(),
                    s.checkpointInterval(), log);
            List<ThroughputRun.Result> throughput = new ArrayList<>();
            double preload = 0;
            if (s.workload() != null) {
                preload = preload(setup, s.workload());
                for (int run = 1; run <= s.runs(); run++) {
                    LiveBenchSetup runSetup = run > 1 || s.profile() == null ? setup
                            : setup.withJvmOptions(List.of("-XX:StartFlightRecording=filename="
                                    + s.profile().toAbsolutePath() + ",settings=profile"));
                    throughput.add(ThroughputRun.run(runSetup, s.workload(), WORKLOAD_TOPIC, run));
                }
            }
            List<LatencyRun.Result> latency = new ArrayList<>();
            for (String delivery : s.deliveries()) {
                latency.add(LatencyRun.run(setup, delivery, s.instruments(), s.rate(), s.duration(),
                        s.warmUp()));
            }
            return new Result(Runtime.getRuntime().availableProcessors(), loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    s.config().toString(), s.checkpointInterval().toMillis(),
                    s.workload() == null ? null : s.workload().dir().toString(),
                    s.workload() == null ? 0 : s.workload().trades(), preload, throughput, latency);
        } finally {
            broker.stop(Duration.ofSeconds(30));
        }
    }

    /**
     * Starts {@code broker} on free ports with an empty data folder (stopping one a killed bench
     * left) and returns the setup of runs against it; the caller stops it.
     */
    static LiveBenchSetup startFresh(LocalBroker broker, Path work, Path config,
            List<String> overrides, Duration checkpointInterval, PrintWriter log)
            throws IOException, InterruptedException {
        broker.stop(Duration.ofSeconds(30));
        deleteRecursively(broker.dataDir());
        LocalBroker.Started started = broker.start(0, 0, List.of(), Duration.ofSeconds(90));
        log.printf("Kafka broker at %s (pid %d, its own JVM, log %s)%n",
                started.status().bootstrapServers(), started.status().pid(), broker.logFile());
        return new LiveBenchSetup(work, started.status().bootstrapServers(),
                started.status().pid(), config, overrides, checkpointInterval, List.of(), log);
    }

    /** Writes the workload's trades to {@link #WORKLOAD_TOPIC}; returns the seconds it took. */
    private static double preload(LiveBenchSetup setup, Workload workload) throws IOException, InterruptedException {
        TopicSpec topic = ConfigLoader.load(setup.config(), setup.overrides()).kafka.topics.trades.spec();
        setup.createTopicsOf(new TopicSpec(WORKLOAD_TOPIC, topic.partitions(), topic.configs()));
        setup.log().printf("writing %,d trades of %s to topic %s ...%n", workload.trades(),
                workload.dir(), WORKLOAD_TOPIC);
        ReplaySummary summary = new Replayer(
                Replayer.Options.of(setup.bootstrapServers(), WORKLOAD_TOPIC).withSpeed(Speed.MAX)
                        .withProgressInterval(Duration.ofSeconds(10)),
                ReplayClock.SYSTEM, p -> {})
                .replay(ReplayInputs.discover(workload.tradeFiles(), Market.USDM, null).trades());
        if (summary.published() != workload.trades() || summary.rejectedTotal() != 0) {
            throw new IllegalStateException("the workload's manifest says " + workload.trades()
                    + " trades, the replay published " + summary.published() + " and rejected "
                    + summary.rejectedTotal() + " " + summary.rejected());
        }
        return summary.seconds();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
