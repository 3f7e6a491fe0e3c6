package io.quantstream.jobs.cli;

import io.quantstream.connectors.replay.Speed;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LiveRun;
import io.quantstream.jobs.local.PluginJars;
import io.quantstream.jobs.topology.KafkaInput;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream live}: the pipeline job on Kafka on this machine, resumable after a crash. */
@Command(
        name = "live",
        mixinStandardHelpOptions = true,
        description = {
            "Runs PipelineJob (trades -> klines -> factors -> cross-sections -> target positions, on"
                    + " Kafka topics) on an embedded Flink MiniCluster with the web UI, and prints a"
                    + " status line (trades/s, bars closed, lag per instrument, dead letters, targets).",
            "Broker: kafka.bootstrapServers when one answers there, else the local broker of"
                    + " `kafka start` (started when it does not run, and left running). The config's"
                    + " topics are created when missing.",
            "Checkpoints go to the state folder; the same command run again after a crash (also"
                    + " kill -9) resumes from the latest one: nothing lost, nothing repeated downstream.",
            "--replay publishes trade files to the trades topic meanwhile (resuming after the last trade"
                    + " on the topic); with --exit-when-done the run ends when they are through the job and"
                    + " committed, writes the output topics to --output and prints a summary.",
            "Any config key can be overridden: --key.path value."
        })
final class LiveCommand implements Callable<Integer> {

    @Mixin JobConfigFile config;

    @Option(names = "--replay", arity = "1..*", paramLabel = "PATH",
            description = "Capture or archive trade files or folders to replay onto the trades topic.")
    List<File> replay = new ArrayList<>();

    @Option(names = "--speed", defaultValue = "1", paramLabel = "1|10|max",
            description = "Replay speed: event time per wall-clock time (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--exit-when-done",
            description = "With --replay: end once the replayed trades are through the job and committed"
                    + " (the last bars closed, a final savepoint), then print the summary.")
    boolean exitWhenDone;

    @Option(names = "--state", paramLabel = "DIR",
            description = "State folder: checkpoints and savepoints (default: .quantstream/live/<name>).")
    File state;

    /** The local broker's, when one is started. */
    @Mixin KafkaCommand.Folder broker;

    @Option(names = "--output", paramLabel = "DIR",
            description = "With --exit-when-done: where the output topics are written, as the run"
                    + " command's files (default: out/live/<name>).")
    File output;

    @Mixin WebUiOption webUi;

    @Mixin PluginOption plugins;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Speed pace = Speed.parse(speed);
        JobConfig job = config.load(overrides);
        try (PluginJars jars = plugins.use(job)) {
            ConfigValidator.validateKafkaJob(job);
            String name = KafkaInput.name(job);
            Path stateDir = state != null ? state.toPath() : Path.of(".quantstream", "live", name);
            Path outputDir = output != null ? output.toPath() : Path.of("out", "live", name);
            LiveRun.execute(new LiveRun.Options(job, stateDir, broker.dir.toPath(),
                    replay.stream().map(File::toPath).toList(), pace, exitWhenDone, outputDir,
                    webUi.serve()), CommandOutput.stream(spec));
        }
        return 0;
    }
}
