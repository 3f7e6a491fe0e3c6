package io.quantstream.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quantstream.factor.FactorSet;
import io.quantstream.jobs.bench.FactorsBench;
import io.quantstream.model.Interval;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantstream bench factors}: factor throughput per core and state size per key. */
@Command(
        name = "factors",
        mixinStandardHelpOptions = true,
        description = {
            "Factor throughput: N instruments x BARS synthetic klines of one interval, in time"
                    + " order, through the factor stage (one slot) in BATCH and in STREAMING on"
                    + " RocksDB, each run a JVM of its own measured whole; bars per CPU-second,"
                    + " wall time, peak RSS, and the bytes of one key's factor state."
        })
final class BenchFactorsCommand implements Callable<Integer> {

    @Option(names = "--factors", defaultValue = "alpha158",
            description = "Factor set, as the config's factors (default: ${DEFAULT-VALUE}).")
    String factors;

    @Option(names = "--instruments", defaultValue = "100",
            description = "Instruments (default: ${DEFAULT-VALUE}).")
    int instruments;

    @Option(names = "--interval", defaultValue = "1h",
            description = "Kline interval (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--bars", defaultValue = "8760",
            description = "Bars per instrument (default: ${DEFAULT-VALUE}, a year of 1h bars).")
    int bars;

    @Option(names = "--modes", split = ",", defaultValue = "batch,streaming",
            description = "batch (file jobs' settings), streaming (Kafka jobs' settings: RocksDB,"
                    + " checkpoints every 10 s) or both (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--runs", defaultValue = "1", description = "Runs of each mode (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run each mode with the one-ratio set " + FactorsBench.BASELINE
                    + ", and report the factor work alone (job CPU beyond the baseline's);"
                    + " --no-baseline skips it (default: on).")
    boolean baseline;

    @Option(names = "--work", defaultValue = "/tmp/quantstream-bench-factors", paramLabel = "DIR",
            description = "Scratch folder: each run's log and checkpoints (default: ${DEFAULT-VALUE}).")
    File work;

    @Option(names = "--json", description = "Print the figures as one JSON document instead of tables.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        OptionChecks.known(problems, "--modes", modes, FactorsBench.MODES);
        if (instruments < 1 || bars < 1 || runs < 1) {
            problems.add("--instruments, --bars and --runs must be ≥ 1");
        }
        Interval parsed = null;
        try {
            parsed = Interval.parse(interval);
        } catch (IllegalArgumentException e) {
            problems.add("--interval: " + e.getMessage());
        }
        try {
            FactorSet.parse(factors);
        } catch (IllegalArgumentException e) {
            problems.add("--factors: " + e.getMessage());
        }
        OptionChecks.scratchFolder(problems, work, "scratch folder");
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        FactorsBench.Settings settings = new FactorsBench.Settings(factors, instruments, parsed,
                bars, modes, runs, baseline, work.toPath().toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        FactorsBench.Result result = FactorsBench.run(settings, json ? err : out);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result));
        } else {
            FactorsBench.lines(result).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
