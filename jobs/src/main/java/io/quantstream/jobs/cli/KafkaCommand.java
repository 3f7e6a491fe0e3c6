package io.quantstream.jobs.cli;

import io.quantstream.connectors.kafka.KafkaBroker;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalBroker;
import java.io.File;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream kafka start|status|stop}: the local single-node Kafka broker of the live jobs. */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        description = "A local single-node Kafka broker (KRaft, localhost only) in the background,"
                + " with the topics of the job config.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Status.class, KafkaCommand.Stop.class,
            KafkaCommand.Run.class})
final class KafkaCommand implements Runnable {

    /** {@code status}: exit code when no broker runs (LSB convention: 3 = not running). */
    static final int NOT_RUNNING = 3;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The folder of the broker's files. */
    static final class Folder {
        @Option(names = "--dir", defaultValue = ".quantstream/kafka", paramLabel = "DIR",
                description = "Folder of the broker's pid file, log and data (default: ${DEFAULT-VALUE}).")
        File dir;

        LocalBroker broker() {
            return new LocalBroker(dir.toPath());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the broker in the background, waits until it accepts connections,"
                    + " creates the missing topics of the config (kafka.topics) and prints its address.",
                "Config keys can be overridden: --kafka.topics.trades.partitions 8."})
    static final class Start implements Callable<Integer> {
        @Mixin Folder folder;

        @Option(names = "--port", defaultValue = "9092",
                description = "Client port on localhost, 0 = any free port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--controller-port", defaultValue = "9093",
                description = "KRaft controller port on localhost, 0 = any free port (default: ${DEFAULT-VALUE}).")
        int controllerPort;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML job config (default: built-in topics).")
        File config;

        @Unmatched List<String> overrides = new ArrayList<>();

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            checkPort("--port", port);
            checkPort("--controller-port", controllerPort);
            JobConfig job = ConfigLoader.load(config == null ? null : config.toPath(), overrides);
            List<TopicSpec> topics = job.kafka.topics.all().stream().map(JobConfig.Topic::spec)
                    .collect(Collectors.toList());
            LocalBroker broker = folder.broker();
            LocalBroker.Started started = broker.start(port, controllerPort, topics, START_TIMEOUT);
            PrintWriter out = spec.commandLine().getOut();
            if (started.staleRemoved()) {
                out.println("removed a stale pid file (the last broker did not stop cleanly)");
            }
            LocalBroker.Status status = started.status();
            out.println((started.started() ? "Kafka broker running at " : "Kafka broker already running at ")
                    + status.bootstrapServers() + " (pid " + status.pid() + ", log " + broker.logFile()
                    + ", data " + broker.dataDir() + ")");
            if (!started.created().isEmpty()) {
                out.println("created topics: " + String.join(", ", started.created()));
            }
            printTopics(out, LocalBroker.topics(status.bootstrapServers()));
            out.println("bootstrap servers: " + status.bootstrapServers());
            return 0;
        }

        private static void checkPort(String option, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(option + " must be a port number from 0 to 65535, got " + port);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Says whether the broker runs, at which address, with which topics."
                    + " Exit code 0 running, 1 not answering or a stale pid file, 3 not running.")
    static final class Status implements Callable<Integer> {
        @Mixin Folder folder;

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalBroker broker = folder.broker();
            LocalBroker.Status status = broker.status();
            PrintWriter out = spec.commandLine().getOut();
            switch (status.state()) {
                case STOPPED:
                    out.println("Kafka broker not running (no pid file in " + broker.dir() + ")");
                    return NOT_RUNNING;
                case STALE:
                    spec.commandLine().getErr().println("Kafka broker not running: stale pid file "
                            + broker.dir().resolve("broker.pid") + " (process " + status.pid()
                            + " is gone or is not the broker); `kafka start` replaces it");
                    return 1;
                default:
                    if (!KafkaBroker.isReachable(status.bootstrapServers(), Duration.ofSeconds(5))) {
                        spec.commandLine().getErr().println("Kafka broker process " + status.pid()
                                + " runs but does not answer at " + status.bootstrapServers()
                                + " (starting or hung: see " + broker.logFile() + ")");
                        return 1;
                    }
                    out.println("Kafka broker running at " + status.bootstrapServers() + " (pid "
                            + status.pid() + ", log " + broker.logFile() + ")");
                    printTopics(out, LocalBroker.topics(status.bootstrapServers()));
                    return 0;
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the broker (controlled shutdown; killed after 60 s)."
                    + " Exit code 1 if only a stale pid file was found.")
    static final class Stop implements Callable<Integer> {
        @Mixin Folder folder;

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalBroker broker = folder.broker();
            LocalBroker.Stopped stopped = broker.stop(STOP_TIMEOUT);
            LocalBroker.Status before = stopped.before();
            switch (before.state()) {
                case STOPPED:
                    spec.commandLine().getOut().println("Kafka broker not running (no pid file in " + broker.dir() + ")");
                    return 0;
                case STALE:
                    spec.commandLine().getErr().println("Kafka broker was not running: removed stale pid file "
                            + broker.dir().resolve("broker.pid") + " (process " + before.pid()
                            + " is gone or is not the broker)");
                    return 1;
                default:
                    spec.commandLine().getOut().println("stopped Kafka broker at " + before.bootstrapServers()
                            + " (pid " + before.pid() + ")" + (stopped.killed()
                                    ? ": it did not shut down within " + STOP_TIMEOUT.toSeconds() + " s and was killed"
                                    : ""));
                    return 0;
            }
        }
    }

    /** The broker's own JVM, started by {@code start}; runs until SIGTERM ({@code stop}). */
    @Command(name = "run", hidden = true, description = "Runs the broker in the foreground until stopped.")
    static final class Run implements Callable<Integer> {
        @Mixin Folder folder;

        @Option(names = "--port", defaultValue = "9092") int port;

        @Option(names = "--controller-port", defaultValue = "9093") int controllerPort;

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalBroker local = folder.broker();
            KafkaBroker broker = KafkaBroker.start(local.dataDir(), port, controllerPort);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Kafka broker running at " + broker.bootstrapServers() + ", data " + local.dataDir());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                out.println("Kafka broker stopped");
            }, "kafka-broker-shutdown"));
            new CountDownLatch(1).await();
            return 0;
        }
    }

    private static void printTopics(PrintWriter out, List<TopicSpec> topics) {
        out.println(topics.isEmpty() ? "topics: none" : "topics:");
        for (TopicSpec t : topics) {
            out.println("  " + t.name() + ": " + t.partitions() + (t.partitions() == 1 ? " partition" : " partitions")
                    + t.configs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> ", " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining()));
        }
    }
}
