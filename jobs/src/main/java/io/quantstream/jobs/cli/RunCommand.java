package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalRun;
import io.quantstream.jobs.local.PluginJars;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
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

    @Mixin JobConfigFile config;

    @Mixin WebUiOption webUi;

    @Mixin PluginOption plugins;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobConfig job = config.load(overrides);
        try (PluginJars jars = plugins.use(job)) {
            ConfigValidator.validate(job); // before the last run's outputs are cleared
            LocalRun.execute(job, webUi.serve(), CommandOutput.stream(spec));
        }
        return 0;
    }
}
