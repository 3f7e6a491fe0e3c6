package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link MeasuredJobRun} in a JVM of its own (this JVM's java, options and class path), its
 * output in {@code DIR/job.log} and its figures in {@code DIR/stats.json}: so the job's CPU time
 * and memory are its own, apart from the bench's and the broker's.
 */
final class JobProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path stats;

    private JobProcess(Process process, Path log, Path stats) {
        this.process = process;
        this.log = log;
        this.stats = stats;
    }

    /**
     * @param job {@code market-data} or {@code pipeline}
     * @param jvmOptions added to this JVM's options, e.g. a flight recording
     * @param configArgs {@code --config FILE} and {@code --key.path value} overrides
     */
    static JobProcess start(String job, Path dir, long brokerPid, List<String> jvmOptions,
            List<String> configArgs) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("job.log");
        Path stats = dir.resolve("stats.json");
        Files.deleteIfExists(stats);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MeasuredJobRun.class.getName());
        command.addAll(List.of(job, stats.toString(), Long.toString(brokerPid)));
        command.addAll(configArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new JobProcess(process, log, stats);
    }

    /**
     * Waits until the job's cluster is up and the job is being submitted.
     *
     * @throws IllegalStateException if the process ends first or takes longer than {@code timeout}
     */
    void awaitStarted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(MeasuredJobRun.STARTED)) {
            if (!process.isAlive()) {
                throw failed("ended during start-up");
            }
            if (System.nanoTime() > deadline) {
                throw failed("did not start within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * The REST address of the job's cluster ({@code http://localhost:PORT}), once
     * {@link #awaitStarted} has returned.
     */
    URI webUi() throws IOException {
        Matcher m = Pattern.compile(Pattern.quote(MeasuredJobRun.STARTED) + " at (\\S+)")
                .matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw failed("printed no REST address");
        }
        return URI.create(m.group(1));
    }

    /**
     * Waits for a bounded job to end and returns its figures.
     *
     * @throws IllegalStateException if it fails
     */
    MeasuredJobRun.Stats awaitEnd() throws IOException, InterruptedException {
        int exit = process.waitFor();
        if (exit != 0 || !Files.exists(stats)) {
            throw failed("ended with exit code " + exit);
        }
        return new ObjectMapper().readValue(stats.toFile(), MeasuredJobRun.Stats.class);
    }

    /**
     * Stops an unbounded job (closes its stdin) and returns its figures.
     *
     * @throws IllegalStateException if it failed, or does not stop within a minute
     */
    MeasuredJobRun.Stats stop() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw failed("ended before it was stopped");
        }
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw failed("did not stop within 60 s");
        }
        return awaitEnd();
    }

    /** Whether the job's process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    private IllegalStateException failed(String what) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return new IllegalStateException("the job process " + what + "; " + log + " ends with:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
