package io.quantstream.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.MarketDataJob;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.Interval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One timed run of {@code MarketDataJob} over a trades topic filled beforehand: bounded at the
 * topic's end offsets ({@code kafka.bounded: true}), exactly-once sinks to topics of its own,
 * then its {@code klines} topic read back {@code read_committed} and checked against the
 * workload's expected klines.
 */
public final class ThroughputRun {

    /**
     * @param klinesOnTopic records on the run's klines topic (every interval)
     * @param duplicates 1m klines on the topic more than once
     * @param undecodable klines-topic records that did not decode
     * @param deadLetters records on the run's dead-letters topic
     * @param matchedFields 1m kline fields equal to the expected ones ({@link KlineVerifier})
     * @param totalFields 11 × the expected 1m klines
     * @param problems the first differences found
     */
    public record Verification(long klinesOnTopic, long duplicates, long undecodable, long deadLetters,
            long matchedFields, long totalFields, List<String> problems) {

        /** Every expected kline on the topic once, every field equal, no dead letter. */
        @JsonProperty
        public boolean exact() {
            return matchedFields == totalFields && totalFields > 0 && problems.isEmpty()
                    && duplicates == 0 && undecodable == 0 && deadLetters == 0;
        }
    }

    /**
     * @param profiled whether the job's JVM ran a flight recording (slower: not in the median)
     * @param tradesPerSecond trades / job wall seconds
     * @param tradesPerJobCpuSecond trades / CPU seconds of the job's JVM (per core)
     * @param tradesPerCpuSecondWithBroker trades / CPU seconds of the job's and the broker's JVMs
     */
    public record Result(int run, boolean profiled, MeasuredJobRun.Stats job, double tradesPerSecond,
            double tradesPerJobCpuSecond, double tradesPerCpuSecondWithBroker,
            Verification verification) {}

    private ThroughputRun() {}

    /** @param tradesTopic the filled topic, holding {@code workload}'s trades */
    static Result run(LiveBenchSetup setup, Workload workload, String tradesTopic, int run)
            throws IOException, InterruptedException {
        Path dir = setup.work().resolve("throughput-" + run);
        List<String> args = setup.jobArgs("bench-live-throughput-" + run, "throughput-" + run,
                List.of("--kafka.bounded", "true", "--kafka.topics.trades.name", tradesTopic));
        JobConfig config = setup.createTopics(args);
        setup.log().printf("run %d: MarketDataJob over %,d trades on %s (intervals %s) ...%n", run,
                workload.trades(), tradesTopic, String.join(",", config.klines.intervals));
        MeasuredJobRun.Stats stats;
        try (JobProcess job = JobProcess.start(MarketDataJob.NAME, dir, setup.brokerPid(),
                setup.jvmOptions(), args)) {
            job.awaitStarted(Duration.ofMinutes(2));
            stats = job.awaitEnd();
        }
        Verification check = verify(setup.bootstrapServers(), config, workload, dir);
        double trades = workload.trades();
        return new Result(run, !setup.jvmOptions().isEmpty(), stats, trades / stats.jobWallSeconds(), trades / stats.jobCpuSeconds(),
                trades / (stats.jobCpuSeconds() + stats.brokerCpuSeconds()), check);
    }

    private static Verification verify(String bootstrapServers, JobConfig config,
            Workload workload, Path dir) throws IOException {
        Path klines = dir.resolve("klines");
        TopicDump.Result dump = TopicDump.klines(bootstrapServers, config.kafka.topics.klines.name, klines);
        TopicDump.Result deadLetters = TopicDump.jsonLines(bootstrapServers,
                config.kafka.topics.deadLetters.name, dir.resolve("dead-letters"));
        KlineVerifier.Result fields = KlineVerifier.verify(workload.dir(), klines);
        return new Verification(dump.records(), duplicates(klines), dump.deadLetters(),
                deadLetters.records(), fields.matchedFields, fields.totalFields, fields.problems);
    }

    /** Rows of the dumped 1m files beyond one per open time. */
    private static long duplicates(Path klines) throws IOException {
        String suffix = "-" + Interval.ONE_MINUTE.label() + ".csv";
        long duplicates = 0;
        try (Stream<Path> files = Files.list(klines)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(suffix)) {
                    long rows = Files.readAllLines(file, StandardCharsets.UTF_8).size() - 1;
                    duplicates += rows - KlineVerifier.rows(file).size();
                }
            }
        }
        return duplicates;
    }
}
