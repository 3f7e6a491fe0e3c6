package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.cli.QuantstreamCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code bench klines}: archive aggTrades CSV → exact 1m klines, each quantstream variant and
 * each peer in a process of its own, in turn (run 1 of every one, then run 2, …) so a noisy
 * machine hits both sides alike; every process measured whole from outside
 * ({@link WholeProcess}), and every output checked field by field against the expected klines.
 */
public final class KlinesBench {

    /** The quantstream variants: runtime mode and state backend of the {@code klines} command. */
    public static final List<String> VARIANTS = List.of("batch", "streaming-hashmap", "streaming-rocksdb");

    private KlinesBench() {}

    /**
     * @param work scratch folder: outputs and each process's log
     * @param peerbench the peerbench folder (its {@code bin/peerbench}); null when there are no peers
     */
    public record Settings(Workload workload, List<String> variants, List<Peer> peers,
            int parallelism, int runs, Path work, Path peerbench) {}

    /**
     * One process run.
     *
     * @param process the whole process, from outside
     * @param phaseWallSeconds the measured phase as the process reports it itself (quantstream:
     *     cluster start to output assembled; peers: their measured phase, see peerbench's README)
     * @param phaseCpuSeconds CPU seconds of that phase
     */
    public record Run(WholeProcess.Usage process, double phaseWallSeconds, double phaseCpuSeconds) {}

    /**
     * A quantstream variant or a peer over all runs.
     *
     * @param side {@code quantstream} or {@code peer}
     * @param name the variant (e.g. {@code batch}) or the peer (e.g. {@code duckdb})
     * @param median per figure, the median over the runs
     * @param verification of the last run's klines
     */
    public record Measured(String side, String name, String variant, List<String> command,
            List<Run> runs, Figures median, Verification verification) {}

    /** Medians of one variant or peer; trades per second of wall time and per CPU-second. */
    public record Figures(double wallSeconds, double cpuSeconds, long peakRssMb, double loadAverage,
            double tradesPerSecond, double tradesPerCpuSecond) {}

    /** Fields equal to the expected klines out of 11 × expected klines, and the first problems. */
    public record Verification(long matchedFields, long totalFields, boolean exact, List<String> problems) {
        static Verification of(KlineVerifier.Result r) {
            return new Verification(r.matchedFields, r.totalFields,
                    r.problems.isEmpty() && r.matchedFields == r.totalFields, r.problems);
        }
    }

    /**
     * Ours against a peer, both &gt; 1 when ours is ahead: the medians of the runs' ratios, run
     * {@code i} of ours against run {@code i} of the peer.
     *
     * @param tradesPerCpuSecond ours / peer in trades per CPU-second (= peer CPU / our CPU)
     * @param tradesPerSecond ours / peer in trades per second of wall time
     */
    public record Ratio(String ours, String peer, double tradesPerCpuSecond, double tradesPerSecond) {}

    /** @param loadAverage the machine's 1-minute load average at the start and at the end */
    public record Result(String workload, int files, long trades, int parallelism, int cores,
            double[] loadAverage, List<Measured> results, List<Ratio> ratios) {}

    /**
     * Runs every variant and peer {@code runs} times.
     *
     * @param progress a line per process run
     * @throws IllegalStateException if a process fails
     */
    public static Result run(Settings s, PrintWriter progress) throws IOException, InterruptedException {
        double loadBefore = load();
        Path launcher = s.peers().isEmpty() ? null : Peer.launcher(s.peerbench());
        if (launcher != null) {
            Files.createDirectories(s.work());
            Peer.prepare(launcher, s.work().resolve("peerbench-build.log"));
        }
        List<List<Run>> ours = new ArrayList<>();
        List<List<Run>> theirs = new ArrayList<>();
        s.variants().forEach(v -> ours.add(new ArrayList<>()));
        s.peers().forEach(p -> theirs.add(new ArrayList<>()));
        Verification[] ourChecks = new Verification[s.variants().size()];
        Verification[] theirChecks = new Verification[s.peers().size()];
        for (int run = 1; run <= s.runs(); run++) {
            for (int i = 0; i < s.variants().size(); i++) {
                String variant = s.variants().get(i);
                Path out = s.work().resolve(variant);
                ours.get(i).add(runOurs(s, variant, out));
                ourChecks[i] = Verification.of(KlineVerifier.verify(s.workload().dir(), out));
                progress.printf("run %d %-18s %s%n", run, variant, summary(ours.get(i)));
                progress.flush();
            }
            for (int i = 0; i < s.peers().size(); i++) {
                Peer peer = s.peers().get(i);
                Path dir = s.work().resolve("peer-" + peer.label());
                theirs.get(i).add(runPeer(s, peer, launcher, dir));
                theirChecks[i] = Verification.of(Peer.verify(launcher, s.workload().dir(),
                        dir.resolve("klines.csv"), dir.resolve("verify.log")));
                progress.printf("run %d peer %-13s %s%n", run, peer.label(), summary(theirs.get(i)));
                progress.flush();
            }
        }
        List<Measured> results = new ArrayList<>();
        for (int i = 0; i < s.variants().size(); i++) {
            String v = s.variants().get(i);
            results.add(new Measured("quantstream", v, v.replace('-', ' '), ourCommand(s, v, s.work().resolve(v)),
                    ours.get(i), median(ours.get(i), s.workload().trades()), ourChecks[i]));
        }
        List<Ratio> ratios = new ArrayList<>();
        for (int i = 0; i < s.peers().size(); i++) {
            Peer p = s.peers().get(i);
            Path dir = s.work().resolve("peer-" + p.label());
            results.add(new Measured("peer", p.label(), p.variant(),
                    p.command(launcher, s.workload().dir(), dir.resolve("klines.csv"), s.parallelism()),
                    theirs.get(i), median(theirs.get(i), s.workload().trades()), theirChecks[i]));
            for (int j = 0; j < s.variants().size(); j++) {
                ratios.add(new Ratio(s.variants().get(j), p.label(),
                        medianRatio(theirs.get(i), ours.get(j), r -> r.process().cpuSeconds()),
                        medianRatio(theirs.get(i), ours.get(j), r -> r.process().wallSeconds())));
            }
        }
        return new Result(s.workload().dir().toString(), s.workload().tradeFiles().size(),
                s.workload().trades(), s.parallelism(), Runtime.getRuntime().availableProcessors(),
                new double[] {loadBefore, load()}, results, ratios);
    }

    private static Run runOurs(Settings s, String variant, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path stats = out.resolve("stats.json");
        Files.deleteIfExists(stats);
        WholeProcess.Usage usage = WholeProcess.run(ourCommand(s, variant, out), out.resolve("process.log"));
        JsonNode phase = new ObjectMapper().readTree(stats.toFile());
        return new Run(usage, phase.path("wallSeconds").asDouble(), phase.path("cpuSeconds").asDouble());
    }

    private static Run runPeer(Settings s, Peer peer, Path launcher, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path stats = dir.resolve("stats.json");
        Files.deleteIfExists(stats);
        List<String> command = new ArrayList<>(peer.command(launcher, s.workload().dir(),
                dir.resolve("klines.csv"), s.parallelism()));
        command.addAll(List.of("--stats", stats.toString()));
        WholeProcess.Usage usage = WholeProcess.run(command, dir.resolve("process.log"));
        JsonNode report = new ObjectMapper().readTree(stats.toFile());
        JsonNode phase = report.path("phases").path(report.path("measured").asText());
        return new Run(usage, phase.path("wall_s").asDouble(), phase.path("cpu_s").asDouble());
    }

    /** {@code klines} in a JVM like this one (its java, options and class path), web UI off. */
    private static List<String> ourCommand(Settings s, String variant, Path out) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QuantstreamCli.class.getName());
        command.add("klines");
        command.add("--input");
        s.workload().tradeFiles().forEach(f -> command.add(f.toString()));
        command.addAll(List.of("--market", "usdm", "--output", out.toString(),
                "--parallelism", String.valueOf(s.parallelism()), "--no-web-ui",
                "--stats", out.resolve("stats.json").toString()));
        switch (variant) {
            case "batch":
                command.addAll(List.of("--mode", "batch"));
                break;
            case "streaming-hashmap":
                command.addAll(List.of("--mode", "streaming", "--flink", "state.backend.type=hashmap"));
                break;
            case "streaming-rocksdb":
                // as the jobs on Kafka run: RocksDB, incremental checkpoints every 10 s (issue 9's row)
                command.addAll(List.of("--mode", "streaming", "--flink", "state.backend.type=rocksdb",
                        "--flink", "execution.checkpointing.interval=10s",
                        "--flink", "execution.checkpointing.incremental=true"));
                break;
            default:
                throw new IllegalArgumentException("--variants: unknown '" + variant + "' ("
                        + String.join(", ", VARIANTS) + ")");
        }
        return command;
    }

    private static Figures median(List<Run> runs, long trades) {
        double wall = median(runs, r -> r.process().wallSeconds());
        double cpu = median(runs, r -> r.process().cpuSeconds());
        return new Figures(wall, cpu, (long) median(runs, r -> r.process().peakRssMb()),
                median(runs, r -> r.process().loadAverage()), trades / wall, trades / cpu);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
        return median(runs.stream().mapToDouble(figure).sorted().toArray());
    }

    /** Median over runs of peer figure / our figure (a cost: > 1 when ours costs less). */
    private static double medianRatio(List<Run> peer, List<Run> ours, ToDoubleFunction<Run> cost) {
        double[] ratios = new double[ours.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = cost.applyAsDouble(peer.get(i)) / cost.applyAsDouble(ours.get(i));
        }
        Arrays.sort(ratios);
        return median(ratios);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String summary(List<Run> runs) {
        WholeProcess.Usage u = runs.get(runs.size() - 1).process();
        return String.format("wall %.2f s, CPU %.2f s, peak RSS %d MB (load %.2f)", u.wallSeconds(),
                u.cpuSeconds(), u.peakRssMb(), u.loadAverage());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
