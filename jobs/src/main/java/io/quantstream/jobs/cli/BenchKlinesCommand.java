package io.quantstream.jobs.cli;

import io.quantstream.jobs.bench.KlinesBench;
import io.quantstream.jobs.bench.Peer;
import io.quantstream.jobs.bench.Workload;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quantstream bench klines}: archive aggTrades CSV → exact 1m klines, each variant (and
 * each peer of {@code --peer}) in a process of its own, measured whole from outside and checked
 * field by field against the expected klines the peerbench generator wrote beside the trades.
 */
@Command(
        name = "klines",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput of trades -> exact 1m klines in BATCH and STREAMING (heap and RocksDB"
                    + " state) on a peerbench folder: wall time, CPU seconds (user + sys) and peak RSS"
                    + " of the whole process (JVM start-up included), trades per second and per"
                    + " CPU-second, and exactness vs <SYM>-1m-expected.csv.",
            "--peer runs other systems from ../shared/tools/peerbench on the same files in the same"
                    + " session, measured the same way, in turn with ours, with the ratios.",
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

    @Option(names = "--peer", split = ",", paramLabel = "duckdb|flink-sql|plain",
            description = "Peers to run beside ours: duckdb (DuckDB 1.4, read_csv -> GROUP BY),"
                    + " flink-sql (Flink 2.1 SQL, BATCH, open/close by trade id), plain (a"
                    + " hand-written Java loop).")
    List<String> peers = new ArrayList<>();

    @Option(names = "--peerbench", paramLabel = "DIR",
            description = "The peerbench folder (default: ../shared/tools/peerbench beside the project).")
    File peerbench;

    @Option(names = "--parallelism", defaultValue = "2", description = "Ours and the peers' (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--runs", defaultValue = "1", description = "Runs of each (medians reported; default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--work", defaultValue = "/tmp/quantstream-bench", paramLabel = "DIR",
            description = "Scratch folder for outputs and logs (default: ${DEFAULT-VALUE}).")
    File work;

    @Mixin JsonOutput output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        Workload workload = null;
        try {
            workload = Workload.open(data.toPath());
        } catch (IllegalArgumentException e) {
            problems.add("--data: " + e.getMessage());
        }
        OptionChecks.scratchFolder(problems, work, "scratch folder for outputs");
        OptionChecks.known(problems, "--variants", variants, KlinesBench.VARIANTS);
        List<Peer> peerList = new ArrayList<>();
        Path peerbenchDir = peerbench != null ? peerbench.toPath()
                : DemoCommand.home().resolve("../shared/tools/peerbench");
        try {
            for (String p : peers) {
                peerList.add(Peer.of(p));
            }
            if (!peerList.isEmpty()) {
                Peer.launcher(peerbenchDir);
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (runs < 1 || parallelism < 1) {
            problems.add("--runs and --parallelism must be >= 1");
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        KlinesBench.Settings settings = new KlinesBench.Settings(workload, variants, peerList,
                parallelism, runs, work.toPath().toAbsolutePath(),
                peerbenchDir.toAbsolutePath().normalize());
        KlinesBench.Result result = KlinesBench.run(settings, output.progress(out, err));
        output.print(out, result, () -> KlinesBenchReport.print(out, result));
        return 0;
    }
}
