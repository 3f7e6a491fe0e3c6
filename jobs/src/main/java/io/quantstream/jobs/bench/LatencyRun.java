package io.quantstream.jobs.bench;

import io.quantstream.jobs.PipelineJob;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One latency run: {@code PipelineJob} on a trades topic of its own that {@link LiveTradeFeed}
 * fills live at a fixed rate, its 1m klines and target positions timed on arrival
 * ({@link TopicLatencyProbe}, {@link BarLatencies}) for one delivery guarantee of the
 * target-positions sink.
 *
 * <p>The universe is the feed's instruments ({@code usdm:QS000USDT} …), ranked every minute by
 * the config's cross-section. Bars count when they end more than the warm-up after the first
 * trade and the watermark could pass them while the feed ran (bar end + out-of-orderness ≤ last
 * trade); after the feed stops the bench waits for them, at most one checkpoint interval and
 * {@code DRAIN_TIMEOUT} more: exactly-once output arrives with the checkpoint after it.
 */
public final class LatencyRun {

    /**
     * How long past one checkpoint interval the bench waits for the last bars once the feed has
     * stopped (exactly-once output commits with the checkpoint after it).
     */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param targetPositionsDelivery the target-positions sink's guarantee (klines: exactly once)
     * @param sent what the feed sent, and at what rate
     * @param feedCpuSeconds CPU seconds of the bench's JVM (feed and readers) while the feed ran
     * @param outOfOrdernessMs the watermark's bounded out-of-orderness
     * @param klines latencies of the 1m klines
     * @param targetPositions latencies of the target positions
     * @param job the job process's figures over the whole run (start-up to stop)
     */
    public record Result(String targetPositionsDelivery, int instruments, double rate,
            LiveTradeFeed.Sent sent, double feedCpuSeconds, long warmUpMs, long outOfOrdernessMs,
            BarLatencies.Summary klines, BarLatencies.Summary targetPositions,
            MeasuredJobRun.Stats job) {}

    private LatencyRun() {}

    /**
     * Waits until every bar of the window has arrived on both topics, or one checkpoint interval
     * plus {@link #DRAIN_TIMEOUT} has passed (what is missing then is reported as missing).
     */
    private static void awaitOutputs(LiveBenchSetup setup, JobProcess job, long after, long until,
            int instruments, BarLatencies klines, BarLatencies targets) throws InterruptedException {
        long deadline = System.nanoTime() + setup.checkpointInterval().plus(DRAIN_TIMEOUT).toNanos();
        while (System.nanoTime() < deadline && job.isAlive()
                && (missing(klines, after, until, instruments) || missing(targets, after, until, instruments))) {
            Thread.sleep(200);
        }
    }

    private static boolean missing(BarLatencies latencies, long after, long until, int instruments) {
        BarLatencies.Summary s = latencies.summary(after, until, instruments);
        return s.bars() < s.expected();
    }

    /** @param rate trades per second over all {@code instruments} */
    static Result run(LiveBenchSetup setup, String delivery, int instruments, double rate,
            Duration duration, Duration warmUp) throws IOException, InterruptedException {
        List<Instrument> universe = IntStream.range(0, instruments)
                .mapToObj(i -> new Instrument(Market.USDM, String.format("QS%03dUSDT", i))).toList();
        String symbols = universe.stream().map(i -> "usdm:" + i.symbol()).collect(Collectors.joining(","));
        List<String> args = setup.jobArgs("bench-live-latency-" + delivery, "latency-" + delivery,
                List.of("--kafka.targetPositionsDelivery", delivery, "--kafka.bounded", "false",
                        "--universe.symbols", symbols));
        JobConfig config = setup.createTopics(args);
        long outOfOrderness = config.watermark.outOfOrdernessDuration().toMillis();
        BarLatencies klines = new BarLatencies(outOfOrderness);
        BarLatencies targets = new BarLatencies(outOfOrderness);
        String servers = setup.bootstrapServers();
        setup.log().printf("latency, target positions %s: PipelineJob, %,.0f trades/s over %d"
                + " instruments for %d s ...%n", delivery, rate, instruments, duration.toSeconds());
        try (JobProcess job = JobProcess.start(PipelineJob.NAME, setup.work().resolve("latency-" + delivery),
                        setup.brokerPid(), setup.jvmOptions(), args);
                TopicLatencyProbe<?> klineProbe = TopicLatencyProbe.klines(
                        servers, config.kafka.topics.klines.name, klines);
                TopicLatencyProbe<?> targetProbe = TopicLatencyProbe.targetPositions(
                        servers, config.kafka.topics.targetPositions.name, targets);
                LiveTradeFeed feed = new LiveTradeFeed(servers, config.kafka.topics.trades.name,
                        universe, rate)) {
            job.awaitStarted(Duration.ofMinutes(2));
            long self = ProcessHandle.current().pid();
            double cpu = ProcessUsage.cpuSeconds(self);
            LiveTradeFeed.Sent sent = feed.run(duration.toMillis());
            double feedCpu = ProcessUsage.cpuSeconds(self) - cpu;
            long after = sent.firstTradeTime() + warmUp.toMillis();
            long until = sent.lastTradeTime() - outOfOrderness;
            awaitOutputs(setup, job, after, until, instruments, klines, targets);
            MeasuredJobRun.Stats stats = job.stop();
            if (klineProbe.undecodable() + targetProbe.undecodable() > 0) {
                throw new IllegalStateException("records on the output topics that do not decode: "
                        + (klineProbe.undecodable() + targetProbe.undecodable()));
            }
            return new Result(delivery, instruments, rate, sent, feedCpu, warmUp.toMillis(),
                    outOfOrderness, klines.summary(after, until, instruments),
                    targets.summary(after, until, instruments), stats);
        }
    }
}
