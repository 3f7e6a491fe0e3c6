package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.sql.ResultPrinter;
import io.quantstream.jobs.local.PluginJars;
import io.quantstream.jobs.state.JobOperators;
import io.quantstream.savepoints.InspectedOperator;
import io.quantstream.savepoints.StateInspector;
import io.quantstream.savepoints.StateRow;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.types.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code quantstream state inspect}: the keyed state of a job's operators in a savepoint. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the keyed state of a job's operators in a savepoint or retained checkpoint, per"
                    + " key: open bars and last trade id (kline-aggregate-1m, kline-rollup), last"
                    + " factor values and warm-up (factors), reported instruments (cross-section-*),"
                    + " last closes and targets (portfolio-*).",
            "Columns: operator, key, state, value, detail; times ISO-8601 UTC."
        })
final class StateInspectCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("operator", "key", "state", "value", "detail");

    @Parameters(index = "0", paramLabel = "SAVEPOINT",
            description = "Savepoint or checkpoint folder (chk-N), or its _metadata file.")
    File savepoint;

    @Option(names = "--job", required = true, paramLabel = "JOB",
            description = "The job that wrote it: market-data, factors, strategy, pipeline, file.")
    String job;

    @Option(names = "--operator", paramLabel = "UID", description = "Only this operator.")
    String operator;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or csv.")
    String format;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The job's YAML config, for the factor names and the cross-section and"
                    + " portfolio uids (default: config/demo.yaml for file, else"
                    + " config/kafka-jobs.yaml).")
    File config;

    @Mixin PluginOption plugins;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ResultPrinter.Format rowFormat = ResultPrinter.Format.parse(format);
        Path configFile = config != null ? config.toPath()
                : Path.of(job.equals(JobOperators.FILE_JOB) ? "config/demo.yaml" : "config/kafka-jobs.yaml");
        JobConfig jobConfig = ConfigLoader.load(configFile, overrides);
        StateInspector.Result result;
        List<InspectedOperator> ops;
        try (PluginJars jars = plugins.use(jobConfig)) {
            ops = operator == null ? JobOperators.of(job, jobConfig)
                    : List.of(JobOperators.named(job, jobConfig, operator));
            result = StateInspector.inspect(savepoint.toPath(), ops,
                    PluginJars.classpaths(jobConfig));
        }
        if (result.absent().size() == ops.size()) {
            throw new IllegalArgumentException("the savepoint holds no state of "
                    + (operator != null ? "operator '" + operator + "'" : "job " + job
                            + "'s operators (" + String.join(", ", result.absent()) + ")")
                    + ": " + savepoint);
        }
        if (!result.absent().isEmpty()) {
            spec.commandLine().getErr().println("no state in the savepoint of: " + String.join(", ", result.absent()));
        }
        List<Row> rows = new ArrayList<>();
        for (StateRow r : result.rows()) {
            rows.add(Row.of(r.operator, r.key, r.state, r.value, r.detail));
        }
        PrintWriter out = spec.commandLine().getOut();
        new ResultPrinter(out, rowFormat).print(COLUMNS, rows.iterator(), ZoneOffset.UTC);
        return 0;
    }
}
