package io.quantstream.jobs.bench;

import io.quantstream.factor.FactorSet;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.local.LocalBroker;
import io.quantstream.model.Interval;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code bench state}: the cost of the jobs' state on this machine, against a broker of its own
 * ({@link LocalBroker} under {@code WORK/kafka}, started fresh and stopped at the end).
 *
 * <ol>
 *   <li><b>Savepoints</b> ({@link SavepointRun}): factor state of {@code instruments × intervals}
 *       keys, bootstrapped, restored into {@code FactorJob}, savepointed, restored again.
 *   <li><b>Checkpoints</b> ({@link CheckpointRun}): {@code PipelineJob} on live trades at a steady
 *       rate, incremental RocksDB checkpoints timed and sized.
 * </ol>
 *
 * Both runs compute the config's factors on every interval of {@code intervals} over the
 * instruments {@code usdm:QS000USDT} … (the feed's).
 */
public final class StateBench {

    /**
     * @param bars bars per key the factor state is built from; 0 = the longest warm-up + 10
     * @param measure {@code savepoints}, {@code checkpoints} or both
     */
    public record Settings(Path work, Path config, List<String> overrides, int instruments,
            List<Interval> intervals, int bars, List<String> measure, double rate,
            Duration duration, Duration warmUp, Duration checkpointInterval) {}

    /** @param savepoints null when not measured; @param checkpoints null when not measured */
    public record Result(int cores, double loadBefore, double loadAfter, String config,
            long checkpointIntervalMs, SavepointRun.Result savepoints,
            CheckpointRun.Result checkpoints) {}

    private StateBench() {}

    /**
     * @throws IllegalArgumentException if the config is not one of a job on Kafka
     * @throws IllegalStateException if the broker or a job fails
     */
    public static Result run(Settings s, PrintWriter log) throws Exception {
        ConfigLoader.load(s.config(), s.overrides()); // a bad config fails before the broker starts
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        LocalBroker broker = new LocalBroker(s.work().resolve("kafka"));
        try {
            LiveBenchSetup setup = LiveBench.startFresh(broker, s.work(), s.config(),
                    s.overrides(), s.checkpointInterval(), log);
            String labels = s.intervals().stream().map(Interval::label)
                    .collect(Collectors.joining(","));
            String symbols = IntStream.range(0, s.instruments())
                    .mapToObj(i -> "usdm:" + SyntheticKlines.symbol(i)).collect(Collectors.joining(","));
            List<String> more = List.of("--klines.intervals", labels, "--factorIntervals", labels,
                    "--universe.symbols", symbols, "--kafka.bounded", "false");
            SavepointRun.Result savepoints = null;
            if (s.measure().contains("savepoints")) {
                List<String> args = setup.jobArgs("bench-state-savepoints", "savepoints", more);
                int bars = s.bars() > 0 ? s.bars() : longestWarmUp(setup, args) + 10;
                savepoints = SavepointRun.run(setup, args, s.instruments(), s.intervals(), bars);
            }
            CheckpointRun.Result checkpoints = null;
            if (s.measure().contains("checkpoints")) {
                checkpoints = CheckpointRun.run(setup,
                        setup.jobArgs("bench-state-checkpoints", "checkpoints", more),
                        s.instruments(), s.rate(), s.duration(), s.warmUp());
            }
            return new Result(Runtime.getRuntime().availableProcessors(), loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    s.config().toString(), s.checkpointInterval().toMillis(), savepoints,
                    checkpoints);
        } finally {
            broker.stop(Duration.ofSeconds(30));
        }
    }

    private static int longestWarmUp(LiveBenchSetup setup, List<String> args) {
        FactorSet factors = FactorSet.parse(ConfigLoader.fromArgs(args.toArray(String[]::new)).factors);
        long longest = 1;
        for (int f = 0; f < factors.size(); f++) {
            longest = Math.max(longest, factors.warmUp(f));
        }
        return (int) longest;
    }

    /** The figures as the command prints them. */
    public static List<String> lines(Result r) {
        List<String> lines = new ArrayList<>();
        SavepointRun.Result sp = r.savepoints();
        if (sp != null) {
            lines.add(String.format("factor state: %d instruments x %s = %,d keys, factors [%s],"
                    + " %,d doubles of history per key, built from %d bars per key",
                    sp.instruments(), String.join(",", sp.intervals()), sp.keys(), sp.factors(),
                    sp.stateDoublesPerKey(), sp.barsPerKey()));
            lines.add(String.format("  bootstrap (state bootstrap's writer): %.1f s, savepoint %s",
                    sp.bootstrapSeconds(), mb(sp.bootstrapBytes())));
            lines.add(String.format("  FactorJob start without state: %.2f s", sp.empty().start()));
            lines.add(restore("  restore from the bootstrapped savepoint", sp.bootstrapped()));
            for (SavepointRun.Savepoint p : sp.savepoints()) {
                lines.add(String.format("  %s savepoint of the running job: %.2f s, %s", p.format(),
                        p.seconds(), mb(p.bytes())));
                lines.add(restore("    restore from it", p.restore()));
            }
        }
        CheckpointRun.Result cp = r.checkpoints();
        if (cp != null) {
            lines.add(String.format("checkpoints (PipelineJob, RocksDB incremental, every %d s):"
                    + " %,.0f trades/s sent over %d instruments for %.0f s", r.checkpointIntervalMs() / 1000,
                    cp.sent().tradesPerSecond(), cp.instruments(), cp.sent().seconds()));
            lines.add(String.format("  %d checkpoints after the %d s warm-up (%d failed): duration"
                    + " median %,d ms, max %,d ms; uploaded per checkpoint median %s; full state %s",
                    cp.counted().size(), cp.warmUpMs() / 1000, cp.failed(), cp.medianDurationMs(),
                    cp.maxDurationMs(), mb(cp.medianCheckpointedBytes()), mb(cp.lastStateBytes())));
        }
        lines.add(String.format("machine: %d cores, load %.1f before, %.1f after", r.cores(),
                r.loadBefore(), r.loadAfter()));
        return lines;
    }

    private static String restore(String what, SavepointRun.Start s) {
        return String.format("%s: job running after %.2f s (factor state initialized in %.2f s)",
                what, s.start(), s.factorInitialization());
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB (%,d bytes)", bytes / 1e6, bytes);
    }
}
