package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.config.RangeBounds;
import io.quantstream.jobs.local.LocalCluster;
import io.quantstream.jobs.local.PluginJars;
import io.quantstream.jobs.state.HistoryBootstrap;
import io.quantstream.savepoints.BootstrapPluginFailures;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream state bootstrap}: a savepoint of factor state computed from history. */
@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a savepoint whose factor operator (uid factors) holds the state a job with the"
                    + " config's factors has after reading the history: the jobs' roll-ups and"
                    + " factor computation in BATCH. FactorJob (or PipelineJob, the file job)"
                    + " started from it gives warm factor values from its first bar.",
            "A plug-in factor that throws leaves that bar out of its state, as the jobs do; the"
                    + " savepoint is still written, the failures are listed and the exit code is 1.",
            "Any config key can be overridden: --key.path value."
        })
final class StateBootstrapCommand implements Callable<Integer> {

    @Option(names = "--from-history", required = true, split = ",", paramLabel = "SOURCE",
            description = "market.klines (the Iceberg table of the config's catalog, the universe's"
                    + " instruments) or 1m kline files and folders.")
    List<String> history;

    /** The live job's: factors, factorIntervals, klines.intervals. */
    @Mixin JobConfigFile config;

    @Option(names = "--out", required = true, paramLabel = "SAVEPOINT",
            description = "Savepoint folder to write (must not exist).")
    File out;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Bars opening at or after it: a day, month or instant (default: all).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Bars closing before it: a day or month (inclusive) or an instant, e.g."
                    + " the time the live job takes over (default: all).")
    String to;

    @Mixin PluginOption plugins;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobConfig job = config.load(overrides);
        Path target = out.toPath().toAbsolutePath();
        long start = System.nanoTime();
        BootstrapPluginFailures failures;
        try (PluginJars jars = plugins.use(job)) {
            StreamExecutionEnvironment env = HistoryBootstrap.define(job, history,
                    RangeBounds.from(from), RangeBounds.to(to), target);
            try (LocalCluster cluster = new LocalCluster(PluginJars.classpaths(job), job.parallelism, "0")) {
                failures = BootstrapPluginFailures.of(cluster.execute(env));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "savepoint %s: factor state [%s] of %s, %,d bytes, %.1f s%n", target,
                job.factors, String.join(",", history), FileUtils.getDirectoryFilesSize(target),
                (System.nanoTime() - start) / 1e9);
        return reportFailures(failures, out, spec.commandLine().getErr());
    }

    /**
     * After the summary line: the count and the first failures on {@code out}, the same count in
     * one error line on {@code err}.
     *
     * @return the exit code: 0 without failures, else 1
     */
    static int reportFailures(BootstrapPluginFailures failures, PrintWriter out, PrintWriter err) {
        if (failures.updates() == 0) {
            return 0;
        }
        String failed = String.format(Locale.ROOT, "%,d plug-in factor updates failed",
                failures.updates());
        // as in the jobs (a NaN and a dead letter each): the savepoint holds what they would hold
        out.println(failed + ", each bar left out of its factor's state as the jobs leave it out;"
                + " first failures:");
        failures.firstFailures().forEach(f -> out.println("  " + f));
        out.flush();
        err.println("error: " + failed + " (listed above); the savepoint is written");
        err.flush();
        return 1;
    }
}
