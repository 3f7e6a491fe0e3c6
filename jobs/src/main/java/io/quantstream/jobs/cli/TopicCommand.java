package io.quantstream.jobs.cli;

import io.quantstream.connectors.kafka.KafkaBroker;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.JobConfig;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream topic dump}: what a Kafka topic holds, as files. */
@Command(
        name = "topic",
        mixinStandardHelpOptions = true,
        description = "Kafka topic tools.",
        subcommands = {TopicCommand.Dump.class})
final class TopicCommand implements Runnable {

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = {"Reads a topic read_committed from its beginning to its end offsets (at the"
                    + " time of the call) and writes it to DIR: the klines topic as the klines command's"
                    + " CSV files (DIR/<SYMBOL>-<interval>.csv), any other as DIR/<topic>.jsonl; records"
                    + " that do not decode go to DIR/dead-letters.jsonl (DIR/dead-letters-undecodable.jsonl"
                    + " for a topic named dead-letters).",
                "Broker: --bootstrap-servers, else the config's kafka.bootstrapServers when --config is"
                    + " given, else the broker of `kafka start` when it runs, else localhost:9092."})
    static final class Dump implements Callable<Integer> {
        @Option(names = "--topic", required = true, paramLabel = "NAME", description = "Topic to read.")
        String topic;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
        File output;



        @Mixin KafkaAddress kafka;

        @Unmatched List<String> overrides = new ArrayList<>();

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(output.toPath()) && !Files.isDirectory(output.toPath())) {
                throw new IllegalArgumentException("--output: " + output + " is a file, not a folder");
            }
            JobConfig job = kafka.job(overrides);
            String servers = kafka.bootstrapServers(job);
            if (!KafkaBroker.isReachable(servers, Duration.ofSeconds(10))) {
                throw new IllegalArgumentException("no Kafka broker answers at " + servers
                        + " (start one with `bin/quantstream kafka start`, or give --bootstrap-servers)");
            }
            boolean klines = topic.equals(job.kafka.topics.klines.name);
            TopicDump.Result result = klines
                    ? TopicDump.klines(servers, topic, output.toPath())
                    : TopicDump.jsonLines(servers, topic, output.toPath());
            spec.commandLine().getOut().printf("topic %s at %s: %d records from %d partitions%s -> %s: %s%n",
                    topic, servers, result.records(), result.partitions(),
                    result.tombstones() > 0 ? " (" + result.tombstones() + " tombstones skipped)" : "",
                    output, klines ? (result.files().size() - 1) + " kline files" : topic + ".jsonl");
            if (result.deadLetters() > 0) {
                spec.commandLine().getErr().println(result.deadLetters() + " records did not decode: "
                        + result.files().get(result.files().size() - 1));
            }
            return 0;
        }
    }
}
