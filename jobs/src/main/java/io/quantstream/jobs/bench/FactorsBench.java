package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.factor.FactorHistory;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorUpdate;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * {@code bench factors}: the throughput of a factor set on one interval, each runtime mode in a
 * process of its own ({@link FactorThroughputRun}) measured whole from outside
 * ({@link WholeProcess}: JVM start-up and exit included) and over its job window; and the size
 * of one key's factor state (the {@link FactorHistory} value, as Flink's POJO serializer writes
 * it to RocksDB and to checkpoints) once every window is full.
 *
 * <p>With a baseline, each mode also runs the same job with the one-ratio set {@value #BASELINE}:
 * the job's cost without factor work (source, shuffle, BATCH's sort by key, state access, the
 * vectors), so that the factor work's own CPU per bar is the difference.
 */
public final class FactorsBench {

    /** The runtime modes measured: BATCH, and STREAMING on RocksDB. */
    public static final List<String> MODES = List.of("batch", "streaming");

    /** The factor set of the baseline runs: one ratio of two bar fields. */
    public static final String BASELINE = "taker_buy_ratio";

    /** @param bars bars per instrument */
    public record Settings(String factors, int instruments, Interval interval, int bars,
            List<String> modes, int runs, boolean baseline, Path work) {}

    /**
     * One process run.
     *
     * @param barsPerCpuSecond bars over the whole process's CPU seconds (per core)
     * @param jobBarsPerCpuSecond bars over the job window's CPU seconds
     * @param microsPerBar job window CPU microseconds per bar
     * @param factors the factor set run: the measured one, or {@link #BASELINE}
     * @param factorBarsPerCpuSecond for the measured set when a baseline ran: bars over the job
     *     window's CPU seconds beyond the baseline's (the factor work alone); else 0
     */
    public record Run(String mode, int run, String factors, WholeProcess.Usage process,
            FactorThroughputRun.Stats job, double barsPerCpuSecond, double jobBarsPerCpuSecond,
            double barsPerSecond, double microsPerBar, double factorBarsPerCpuSecond) {}

    /**
     * One key's state after {@code bars} bars.
     *
     * @param serializedBytes the {@link FactorHistory} as serialized (one RocksDB value)
     * @param doubles doubles of node history in it ({@link FactorSet#stateSize})
     * @param nodes stateful nodes (distinct rolling sub-expressions)
     */
    public record StateSize(int bars, int serializedBytes, int doubles, int nodes) {}

    /** @param loadAverage the machine's 1-minute load average at the start and at the end */
    public record Result(String factors, int factorCount, int instruments, String interval,
            int barsPerInstrument, long bars, int cores, double[] loadAverage, StateSize state,
            List<Run> runs) {}

    private FactorsBench() {}

    /**
     * Runs every mode {@code runs} times, in turn.
     *
     * @param progress a line per process run
     * @throws IllegalStateException if a run fails
     */
    public static Result run(Settings s, PrintWriter progress) throws IOException, InterruptedException {
        double loadBefore = load();
        FactorSet set = FactorSet.parse(s.factors());
        StateSize state = stateSize(set, s.interval());
        List<Run> runs = new ArrayList<>();
        long bars = (long) s.instruments() * s.bars();
        for (int run = 1; run <= s.runs(); run++) {
            for (String mode : s.modes()) {
                Run baseline = null;
                if (s.baseline()) {
                    baseline = run(s, mode, run, BASELINE, mode + "-baseline", null);
                    runs.add(baseline);
                    progress.printf("run %d %-9s %s%n", run, mode, line(baseline));
                }
                Run measured = run(s, mode, run, s.factors(), mode, baseline);
                runs.add(measured);
                progress.printf("run %d %-9s %s%n", run, mode, line(measured));
                progress.flush();
            }
        }
        return new Result(s.factors(), set.size(), s.instruments(), s.interval().label(), s.bars(),
                bars, Runtime.getRuntime().availableProcessors(),
                new double[] {loadBefore, load()}, state, runs);
    }

    /** One process run of {@code factors} in {@code WORK/folder}; {@code baseline} may be null. */
    private static Run run(Settings s, String mode, int run, String factors, String folder,
            Run baseline) throws IOException, InterruptedException {
        Path dir = s.work().resolve(folder);
        Files.createDirectories(dir);
        Path stats = dir.resolve("stats.json");
        Files.deleteIfExists(stats);
        WholeProcess.Usage usage = WholeProcess.run(command(s, mode, factors, dir),
                dir.resolve("process.log"));
        FactorThroughputRun.Stats job = new ObjectMapper().readValue(stats.toFile(),
                FactorThroughputRun.Stats.class);
        long bars = job.bars();
        double factorWork = baseline == null ? 0
                : bars / (job.jobCpuSeconds() - baseline.job().jobCpuSeconds());
        return new Run(mode, run, factors, usage, job, bars / usage.cpuSeconds(),
                bars / job.jobCpuSeconds(), bars / usage.wallSeconds(),
                job.jobCpuSeconds() * 1e6 / bars, factorWork);
    }

    /** The result as the lines of a table. */
    public static List<String> lines(Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s (%d factors) on %s bars: %d instruments × %,d bars = %,d bars"
                + " (%d cores, load %.1f → %.1f)", r.factors(), r.factorCount(), r.interval(),
                r.instruments(), r.barsPerInstrument(), r.bars(), r.cores(), r.loadAverage()[0],
                r.loadAverage()[1]));
        lines.add(String.format("state per instrument and interval: %,d bytes serialized"
                + " (%,d doubles of history in %d nodes, after %d bars)", r.state().serializedBytes(),
                r.state().doubles(), r.state().nodes(), r.state().bars()));
        r.runs().forEach(run -> lines.add(String.format("%-9s run %d: %s", run.mode(), run.run(),
                line(run))));
        if (r.runs().stream().anyMatch(run -> run.factorBarsPerCpuSecond() > 0)) {
            lines.add("factor work alone = bars / (job CPU − the " + BASELINE + " baseline's job"
                    + " CPU); the baseline is the job without it (source, shuffle, BATCH's sort by"
                    + " key, state access, vectors)");
        }
        return lines;
    }

    private static String line(Run r) {
        return String.format("%s: %,.0f bars/CPU-s whole process (%,.0f in the job, %.2f µs CPU"
                + " per bar%s), %,.0f bars/s wall; wall %.1f s, CPU %.1f s, peak RSS %d MB"
                + " (load %.1f)", r.factors(), r.barsPerCpuSecond(), r.jobBarsPerCpuSecond(),
                r.microsPerBar(), r.factorBarsPerCpuSecond() > 0 ? String.format(
                        "; factor work alone %,.0f bars/CPU-s", r.factorBarsPerCpuSecond()) : "",
                r.barsPerSecond(), r.process().wallSeconds(), r.process().cpuSeconds(),
                r.process().peakRssMb(), r.process().loadAverage());
    }

    /** One key's {@link FactorHistory} after the longest warm-up and 10 bars, serialized. */
    static StateSize stateSize(FactorSet set, Interval interval) throws IOException {
        long longest = 0;
        for (int f = 0; f < set.size(); f++) {
            longest = Math.max(longest, set.warmUp(f));
        }
        int bars = (int) longest + 10;
        FactorUpdate update = new FactorUpdate(set);
        FactorHistory h = new FactorHistory();
        SyntheticKlines klines = SyntheticKlines.of(1, interval, bars, FactorThroughputRun.END);
        for (long i = 0; i < bars; i++) {
            Kline bar = klines.map(i);
            update.advance(h, bar, node -> {});
        }
        DataOutputSerializer out = new DataOutputSerializer(64 * 1024);
        TypeInformation.of(FactorHistory.class).createSerializer(new SerializerConfigImpl())
                .serialize(h, out);
        return new StateSize(bars, out.length(), set.stateSize(), h.nodes.length);
    }

    /** {@link FactorThroughputRun} in a JVM like this one (its java, options and class path). */
    private static List<String> command(Settings s, String mode, String factors, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FactorThroughputRun.class.getName());
        command.addAll(List.of(mode, dir.resolve("stats.json").toString(), factors,
                String.valueOf(s.instruments()), s.interval().label(), String.valueOf(s.bars()),
                dir.resolve("checkpoints").toString()));
        return command;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
