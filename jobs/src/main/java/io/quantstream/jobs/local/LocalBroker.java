package io.quantstream.jobs.local;

import io.quantstream.connectors.kafka.KafkaBroker;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.kafka.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The broker of {@code bin/quantstream kafka start|status|stop}: a {@link KafkaBroker} in a JVM of
 * its own, in the background, with everything under one folder ({@code .quantstream/kafka} by
 * default): {@code broker.pid}, {@code bootstrap-servers} (its address), {@code broker.log} (its
 * output) and {@code data/} (topics and offsets, kept across restarts).
 *
 * <p>A pid file whose process is gone, or is some other program, is stale (the broker was killed):
 * {@link #status} reports it, {@link #start} and {@link #stop} remove it.
 */
public final class LocalBroker {

    /** What the pid file says. */
    public enum State { RUNNING, STOPPED, STALE }

    /** The broker's state; {@code pid} and {@code bootstrapServers} are 0 / null when stopped. */
    public record Status(State state, long pid, String bootstrapServers) {}

    /**
     * Marks the broker's JVM of a folder in its command line, before the class path (the JDK may
     * read only the first few KB of it), so a pid reused by another program is not taken for it.
     */
    private static final String MARKER = "-Dquantstream.kafka.dir=";

    private final Path dir;

    public LocalBroker(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    private Path pidFile() {
        return dir.resolve("broker.pid");
    }

    private Path addressFile() {
        return dir.resolve("bootstrap-servers");
    }

    /** Reads the pid file and checks its process. */
    public Status status() throws IOException {
        if (!Files.exists(pidFile())) {
            return new Status(State.STOPPED, 0, null);
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile()).trim());
        } catch (NumberFormatException e) {
            return new Status(State.STALE, 0, null);
        }
        String address = Files.exists(addressFile()) ? Files.readString(addressFile()).trim() : null;
        return new Status(isBroker(ProcessHandle.of(pid)) ? State.RUNNING : State.STALE, pid, address);
    }

    /**
     * Starts the broker in the background, waits until it accepts connections and creates the
     * missing topics. Does nothing but report when it runs already.
     *
     * @param port client port on localhost, 0 = a free one
     * @param controllerPort KRaft controller port on localhost, 0 = a free one
     * @return the broker's status and the names of the topics created
     * @throws IllegalArgumentException if a port is in use
     * @throws IllegalStateException if the broker exits or does not answer within {@code timeout}
     */
    public Started start(int port, int controllerPort, List<TopicSpec> topics, Duration timeout)
            throws IOException, InterruptedException {
        Status before = status();
        if (before.state() == State.RUNNING) {
            return new Started(before, List.of(), false, false);
        }
        removeFiles();
        int clientPort = port == 0 ? KafkaBroker.freePort() : KafkaBroker.requireFree(port, "port");
        int quorumPort = controllerPort == 0 ? KafkaBroker.freePort()
                : KafkaBroker.requireFree(controllerPort, "controller port");
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(command(clientPort, quorumPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        process.getOutputStream().close();
        String address = "localhost:" + clientPort;
        Files.writeString(pidFile(), process.pid() + "\n");
        Files.writeString(addressFile(), address + "\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!KafkaBroker.isReachable(address, Duration.ofSeconds(1))) {
            if (!process.isAlive()) {
                removeFiles();
                throw new IllegalStateException("the Kafka broker exited during start-up (exit code "
                        + process.exitValue() + "); " + logFile() + " ends with:\n" + tail(logFile(), 15));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker (pid " + process.pid() + ") does not answer at "
                        + address + " after " + timeout.toSeconds() + " s; see " + logFile());
            }
            Thread.sleep(200);
        }
        try (Admin admin = admin(address)) {
            return new Started(new Status(State.RUNNING, process.pid(), address),
                    Topics.createMissing(admin, topics), true, before.state() == State.STALE);
        }
    }

    /**
     * What {@link #start} did: {@code started} false when the broker was running already,
     * {@code staleRemoved} true when a stale pid file was replaced.
     */
    public record Started(Status status, List<String> created, boolean started, boolean staleRemoved) {}

    /**
     * Stops a running broker: asks it to shut down (SIGTERM: controlled shutdown, logs flushed)
     * and kills it if it has not exited within {@code timeout}. Removes the pid file, also a
     * stale one.
     *
     * @return the status before; {@code true} in {@link Stopped#killed} if it had to be killed
     */
    public Stopped stop(Duration timeout) throws IOException, InterruptedException {
        Status before = status();
        boolean killed = false;
        if (before.state() == State.RUNNING) {
            ProcessHandle process = ProcessHandle.of(before.pid()).orElseThrow();
            process.destroy();
            try {
                process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                process.onExit().join();
                killed = true;
            }
        }
        removeFiles();
        return new Stopped(before, killed);
    }

    /** What {@link #stop} did. */
    public record Stopped(Status before, boolean killed) {}

    /** The topics of the running broker at {@code address}. */
    public static List<TopicSpec> topics(String address) {
        try (Admin admin = admin(address)) {
            return Topics.describe(admin);
        }
    }

    private static Admin admin(String address) {
        return Admin.create(Map.of("bootstrap.servers", address));
    }

    private void removeFiles() throws IOException {
        Files.deleteIfExists(pidFile());
        Files.deleteIfExists(addressFile());
    }

    private boolean isBroker(Optional<ProcessHandle> process) {
        return process.filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().map(c -> c.contains(MARKER + dir + " ")).orElse(true))
                .orElse(false);
    }

    /**
     * This JVM's java and class path running {@code kafka run}; in a session of its own
     * ({@code setsid}) where there is one, so closing the terminal does not stop the broker.
     */
    private List<String> command(int port, int controllerPort) {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(MARKER + dir);
        command.add("-Xmx1g");
        String home = System.getProperty("quantstream.home");
        if (home != null) {
            command.add("-Dlog4j.configurationFile=" + Path.of(home, "flink-conf", "log4j-kafka.properties"));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of("io.quantstream.jobs.cli.QuantstreamCli", "kafka", "run"));
        command.addAll(List.of("--dir", dir.toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(controllerPort)));
        return command;
    }

    private static String tail(Path file, int lines) throws IOException {
        if (!Files.exists(file)) {
            return "(no log)";
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
