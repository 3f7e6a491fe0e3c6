package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalRun;
import io.quantstream.jobs.local.PluginJars;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code quantstream run}: the whole pipeline with parameters from a YAML job config. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline (trades or 1m klines in; klines, factors, cross-sections and target"
                    + " positions out) on an embedded Flink MiniCluster.",
            "Any config key can be overridden: --key.path value (e.g. --strategy.grossLeverage 2)."
        })
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML job config.")
    File config;

    @Option(names = "--no-web-ui", description = "Do not serve the Flink web UI on port 8081.")
    boolean noWebUi;

    @Option(names = "--plugin", paramLabel = "JAR", description = "A plug-in jar (factors,"
            + " strategy weightings) to put on the job's class path; repeatable.")
    List<File> plugins = new ArrayList<>();

    @Unmatched List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        JobConfig job = ConfigLoader.load(config.toPath(), overrides);
        PluginJars.use(plugins, job);
        ConfigValidator.validate(job); // before the last run's outputs are cleared
        LocalRun.execute(job, !noWebUi, System.out);
        return 0;
    }
}
