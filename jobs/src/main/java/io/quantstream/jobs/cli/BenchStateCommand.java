package io.quantstream.jobs.cli;

import io.quantstream.jobs.bench.StateBench;
import io.quantstream.model.Interval;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream bench state}: savepoint, restore and checkpoint costs of the jobs' state. */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = {
            "Savepoints: factor state of N instruments x the intervals (the config's factors)"
                    + " bootstrapped, restored into FactorJob, savepointed (canonical, native) and"
                    + " restored again; sizes and durations. Checkpoints: PipelineJob at a steady"
                    + " rate of live trades, incremental RocksDB checkpoints timed and sized.",
            "On a broker of its own; any config key can be overridden: --key.path value"
                    + " (e.g. --factors alpha158)."
        })
final class BenchStateCommand implements Callable<Integer> {

    @Option(names = "--measure", split = ",", defaultValue = "savepoints,checkpoints",
            description = "savepoints, checkpoints or both (default: ${DEFAULT-VALUE}).")
    List<String> measure;

    @Option(names = "--instruments", defaultValue = "500",
            description = "Instruments (default: ${DEFAULT-VALUE}).")
    int instruments;

    @Option(names = "--intervals", defaultValue = "1m,5m,15m,1h,4h,1d",
            description = "Kline intervals factors are computed on (default: ${DEFAULT-VALUE}).")
    String intervals;

    @Option(names = "--bars", defaultValue = "0",
            description = "Bars per key the factor state is built from (default: the longest"
                    + " warm-up + 10).")
    int bars;

    @Option(names = "--rate", defaultValue = "50000",
            description = "Trades per second of the checkpoint run (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "2min", paramLabel = "DURATION",
            description = "How long the checkpoint run sends trades (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warm-up", defaultValue = "30s", paramLabel = "DURATION",
            description = "Checkpoints triggered this soon after the feed started are not"
                    + " counted (default: ${DEFAULT-VALUE}).")
    String warmUp;

    @Option(names = "--work", defaultValue = "/tmp/quantstream-bench-state", paramLabel = "DIR",
            description = "Scratch folder: broker, savepoints, job logs (default: ${DEFAULT-VALUE}).")
    File work;

    @Mixin BenchJobOptions job;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        OptionChecks.known(problems, "--measure", measure, List.of("savepoints", "checkpoints"));
        if (instruments < 2 || rate <= 0 || bars < 0) {
            problems.add("--instruments must be ≥ 2 (a cross-section ranks several), --rate > 0,"
                    + " --bars ≥ 0");
        }
        List<Interval> parsed = List.of();
        try {
            parsed = Interval.parseList(intervals);
        } catch (IllegalArgumentException e) {
            problems.add("--intervals: " + e.getMessage());
        }
        OptionChecks.scratchFolder(problems, work, "scratch folder");
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        StateBench.Settings settings = new StateBench.Settings(work.toPath().toAbsolutePath(),
                job.configFile(), overrides, instruments, parsed, bars, measure, rate,
                TimeUtils.parseDuration(duration), TimeUtils.parseDuration(warmUp),
                job.checkpointInterval());
        PrintWriter out = spec.commandLine().getOut();
        StateBench.Result result = StateBench.run(settings, job.json ? err : out);
        job.print(out, result, () -> StateBench.lines(result).forEach(out::println));
        return 0;
    }
}
