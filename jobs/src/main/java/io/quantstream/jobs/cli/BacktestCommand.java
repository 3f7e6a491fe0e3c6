package io.quantstream.jobs.cli;

import io.quantstream.jobs.BacktestJob;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.backtest.BacktestPlan;
import io.quantstream.jobs.backtest.BacktestResults;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalCluster;
import io.quantstream.jobs.local.LocalRun;
import io.quantstream.jobs.local.PluginJars;
import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream backtest}: a strategy over the Iceberg history, in BATCH. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Backtests the config's strategy over the 1m klines (backtest.input: klines, the"
                    + " default) or the trades (backtest.input: trades), and funding rates, of its"
                    + " universe in the Iceberg tables (load them first: quantstream load), in Flink"
                    + " BATCH with the live jobs' stages, then simulated execution and ledger; writes"
                    + " the run's records to its report folder and the run to trading.backtest_runs.",
            "Any config key can be overridden: --key.path value (e.g. --execution.cashBuffer 0.05)."
        })
final class BacktestCommand implements Callable<Integer> {

    /** Name of the job vertex that reads the bars (its records out are the bars read). */
    private static final String KLINE_SOURCE = "Source: read market.klines";

    @Mixin JobConfigFile config;

    @Option(names = "--from", paramLabel = "DATE",
            description = "First day (2026-02-01), month (2026-02) or instant (2026-02-14T07:00:00Z)"
                    + " of the bars read (default: backtest.from, else the first bar).")
    String from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "Last day or month, inclusive, or the instant the bars close before"
                    + " (default: backtest.to, else the last bar).")
    String to;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Report folder (default: backtest.output, else out/backtests/<run id>).")
    File output;

    @Mixin WebUiOption webUi;

    @Mixin PluginOption plugins;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> settings = new ArrayList<>(overrides);
        add(settings, "--backtest.from", from);
        add(settings, "--backtest.to", to);
        add(settings, "--backtest.output", output == null ? null : output.getPath());
        JobConfig job = config.load(settings);
        try (PluginJars jars = plugins.use(job)) {
            return backtest(job);
        }
    }

    private int backtest(JobConfig job) throws Exception {
        long start = System.nanoTime();
        long cpuStart = LocalRun.processCpuNanos();
        BacktestPlan plan = BacktestPlan.prepare(job, Instant.now());
        PrintStream out = CommandOutput.stream(spec);
        out.printf("backtest %s: %s on %d instruments, bars%s from %s to %s in the %s%n",
                plan.runId(), plan.strategy(), plan.range().instruments().size(),
                plan.readsTrades() ? " of market.trades" : "",
                Instant.ofEpochMilli(plan.dataFrom()), Instant.ofEpochMilli(plan.dataTo() + 1),
                plan.catalog());
        out.println(plan.everyMinute()
                ? "  every minute has its bar: the execution reads the bars at its interval's boundaries"
                : "  some minutes have no bar (or funding is off the hour): the execution reads every bar");
        out.println(plan.coverage().markPrices().isEmpty()
                ? "  funding at the last 1m close: market.mark_price_klines has no bars of the range"
                : "  funding at the mark price (market.mark_price_klines) of "
                        + plan.coverage().markPrices() + ", where it has the funding minute;"
                        + " otherwise at the last 1m close");

        Configuration conf = JobEnvironment.configuration(job);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        BacktestJob.define(env, plan);
        List<LocalCluster.VertexCounts> vertices =
                LocalCluster.runOnce(conf, job.parallelism, webUi.serve(), env, out);
        BacktestResults.finish(plan, Instant.now()).print(out);

        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (LocalRun.processCpuNanos() - cpuStart) / 1e9;
        if (plan.readsTrades()) {
            // the trades source is chained to the validation and pre-aggregation: its task's
            // records out are runs of trades, not trades
            out.printf("  market.trades backtested in %.1f s (the whole command; %d cores, CPU"
                    + " %.1f s)%n", wall, Runtime.getRuntime().availableProcessors(), cpu);
            return 0;
        }
        long bars = vertices.stream().filter(v -> v.name.startsWith(KLINE_SOURCE))
                .mapToLong(v -> v.recordsOut).sum();
        out.printf("  %,d bars in %.1f s (the whole command): %,.0f bars/s, %,.0f bars per"
                        + " CPU-second (%d cores, CPU %.1f s)%n",
                bars, wall, bars / wall, cpu > 0 ? bars / cpu : 0,
                Runtime.getRuntime().availableProcessors(), cpu);
        return 0;
    }

    private static void add(List<String> settings, String key, String value) {
        if (value != null) {
            settings.add(key);
            settings.add(value);
        }
    }
}
