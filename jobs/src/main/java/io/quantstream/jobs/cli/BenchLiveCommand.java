package io.quantstream.jobs.cli;

import io.quantstream.jobs.bench.LiveBench;
import io.quantstream.jobs.bench.Workload;
import io.quantstream.jobs.config.JobConfig;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * {@code quantstream bench live}: the jobs on Kafka against a broker on this machine —
 * {@code MarketDataJob}'s trades per CPU-second on a filled trades topic, and
 * {@code PipelineJob}'s latency from a bar's close to its kline and target positions on live
 * trades at a fixed rate ({@link LiveBench}).
 */
@Command(
        name = "live",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput: the trades of a peerbench folder (--data) written to a Kafka topic, then"
                    + " MarketDataJob run over them to the end offsets (exactly-once sinks,"
                    + " checkpoints on) in a JVM of its own: trades per CPU-second of the job's JVM,"
                    + " and with the broker's (a JVM of its own too); the klines on the topic"
                    + " checked field by field against <SYM>-1m-expected.csv.",
            "Latency: PipelineJob on live synthetic trades (--rate, stamped with the wall clock),"
                    + " for each target-positions delivery guarantee: p50/p99/max from each 1m bar's"
                    + " close to its kline on `klines` and its target position on `target-positions`"
                    + " (read_committed consumers).",
            "Any other option is a job config override (--key.path value)."
        })
final class BenchLiveCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder written by ../shared/tools/peerbench/bin/gen (throughput runs).")
    File data;

    @Option(names = "--measure", split = ",", defaultValue = "throughput,latency",
            paramLabel = "throughput,latency", description = "Default: ${DEFAULT-VALUE}.")
    List<String> measure;

    @Option(names = "--runs", defaultValue = "1",
            description = "Throughput runs (median by job CPU reported; default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--deliveries", split = ",", defaultValue = "at-least-once,exactly-once",
            paramLabel = "GUARANTEE,…",
            description = "Target-positions sink guarantees of the latency runs (default: ${DEFAULT-VALUE}).")
    List<String> deliveries;

    @Option(names = "--rate", defaultValue = "50000",
            description = "Trades per second of the latency runs (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--instruments", defaultValue = "50",
            description = "Instruments of the latency runs, one bar each per minute (default: ${DEFAULT-VALUE}).")
    int instruments;

    @Option(names = "--duration", defaultValue = "3min", paramLabel = "DURATION",
            description = "How long each latency run sends trades (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warm-up", defaultValue = "20s", paramLabel = "DURATION",
            description = "Bars ending this soon after the first trade are not counted (default: ${DEFAULT-VALUE}).")
    String warmUp;

    @Option(names = "--profile", paramLabel = "FILE.jfr",
            description = "Record the first throughput run's job process with Java Flight Recorder.")
    File profile;

    @Option(names = "--work", defaultValue = "/tmp/quantstream-bench-live", paramLabel = "DIR",
            description = "Scratch folder: broker, job logs, topic dumps (default: ${DEFAULT-VALUE}).")
    File work;

    @Mixin BenchJobOptions job;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        OptionChecks.known(problems, "--measure", measure, List.of("throughput", "latency"));
        OptionChecks.known(problems, "--deliveries", deliveries,
                List.of(JobConfig.Kafka.AT_LEAST_ONCE, JobConfig.Kafka.EXACTLY_ONCE));
        if (runs < 1 || rate <= 0 || instruments < 2) {
            problems.add("--runs must be ≥ 1, --rate > 0 and --instruments ≥ 2 (a cross-section ranks several)");
        }
        Workload workload = null;
        if (measure.contains("throughput")) {
            if (data == null) {
                problems.add("--data: the throughput runs need a peerbench folder (or --measure latency)");
            } else {
                try {
                    workload = Workload.open(data.toPath());
                } catch (IllegalArgumentException e) {
                    problems.add("--data: " + e.getMessage());
                }
            }
        }
        OptionChecks.scratchFolder(problems, work, "scratch folder");
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        LiveBench.Settings settings = new LiveBench.Settings(work.toPath().toAbsolutePath(),
                job.configFile(), overrides, workload, runs,
                measure.contains("latency") ? deliveries : List.of(), rate, instruments,
                TimeUtils.parseDuration(duration), TimeUtils.parseDuration(warmUp),
                job.checkpointInterval(), profile == null ? null : profile.toPath());
        PrintWriter out = spec.commandLine().getOut();
        LiveBench.Result result = LiveBench.run(settings, job.json ? err : out);
        job.print(out, result, () -> LiveBenchReport.print(out, result));
        return 0;
    }
}
