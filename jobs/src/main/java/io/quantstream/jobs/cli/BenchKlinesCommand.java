package io.quantstream.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.jobs.bench.Workload;
import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quantstream bench klines}: archive aggTrades CSV → exact 1m klines, each variant in a
 * fresh JVM (so peak memory is its own), timed and checked field by field against the expected
 * klines the peerbench generator wrote beside the trades.
 */
@Command(
        name = "klines",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput of trades -> exact 1m klines in BATCH and STREAMING (heap and RocksDB"
                    + " state) on a peerbench folder: trades per CPU-second (user + sys of the"
                    + " whole process), wall time, peak RSS, and exactness vs <SYM>-1m-expected.csv.",
            "Make the workload with ../shared/tools/peerbench/bin/gen (see its README)."
        })
final class BenchKlinesCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Folder written by peerbench gen (<SYM>-aggTrades-*.csv, manifest.json).")
    File data;

    @Option(names = "--variants", split = ",",
            defaultValue = "batch,streaming-hashmap,streaming-rocksdb",
            description = "Default: ${DEFAULT-VALUE}.")
    List<String> variants;

    @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--runs", defaultValue = "1", description = "Runs per variant (median reported).")
    int runs;

    @Option(names = "--work", defaultValue = "/tmp/quantstream-bench", paramLabel = "DIR",
            description = "Scratch folder for outputs (default: ${DEFAULT-VALUE}).")
    File work;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Workload workload;
        try {
            workload = Workload.open(data.toPath());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (Files.exists(work.toPath()) && !Files.isDirectory(work.toPath())) {
            err.println("--work: " + work + " is a file, not a folder (scratch folder for outputs)");
            return 2;
        }
        Path dataDir = workload.dir();
        List<String> tradeFiles = workload.tradeFiles().stream().map(Path::toString).toList();
        long trades = workload.trades();
        System.out.printf("workload %s: %d files, %,d trades, parallelism %d%n",
                dataDir, tradeFiles.size(), trades, parallelism);
        System.out.printf("%-20s %8s %8s %12s %14s %9s  %s%n", "variant", "wall s", "CPU s",
                "trades/s", "trades/CPU-s", "RSS MB", "exact fields (matched/total)");
        for (String variant : variants) {
            List<JsonNode> results = new ArrayList<>();
            KlineVerifier.Result check = null;
            for (int run = 0; run < runs; run++) {
                Path out = work.toPath().resolve(variant);
                results.add(runChild(variant, tradeFiles, out));
                check = KlineVerifier.verify(dataDir, out);
            }
            results.sort((a, b) -> Double.compare(
                    a.path("wallSeconds").asDouble(), b.path("wallSeconds").asDouble()));
            JsonNode median = results.get(results.size() / 2);
            double wall = median.path("wallSeconds").asDouble();
            double cpu = median.path("cpuSeconds").asDouble();
            System.out.printf("%-20s %8.2f %8.2f %12s %14s %9d  %,d/%,d%s%n", variant, wall, cpu,
                    millions(trades / wall), millions(trades / cpu),
                    median.path("peakRssMb").asLong(), check.matchedFields, check.totalFields,
                    check.problems.isEmpty() ? "" : "  " + check.problems.get(0));
        }
        return 0;
    }

    private JsonNode runChild(String variant, List<String> tradeFiles, Path out) throws Exception {
        Files.createDirectories(out);
        Path stats = out.resolve("stats.json");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QuantstreamCli.class.getName());
        command.add("klines");
        command.add("--input");
        command.addAll(tradeFiles);
        command.addAll(List.of("--market", "usdm", "--output", out.toString(),
                "--parallelism", String.valueOf(parallelism), "--no-web-ui",
                "--stats", stats.toString()));
        switch (variant) {
            case "batch":
                command.addAll(List.of("--mode", "batch"));
                break;
            case "streaming-hashmap":
                command.addAll(List.of("--mode", "streaming", "--flink", "state.backend.type=hashmap"));
                break;
            case "streaming-rocksdb":
                command.addAll(List.of("--mode", "streaming", "--flink", "state.backend.type=rocksdb"));
                break;
            default:
                throw new IllegalArgumentException("unknown variant " + variant
                        + " (batch, streaming-hashmap, streaming-rocksdb)");
        }
        Process child = new ProcessBuilder(command).inheritIO().start();
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(variant + " run failed with exit code " + exit);
        }
        return new ObjectMapper().readTree(stats.toFile());
    }

    private static String millions(double perSecond) {
        return String.format("%.2f M", perSecond / 1e6);
    }
}
