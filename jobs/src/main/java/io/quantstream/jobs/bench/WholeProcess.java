package io.quantstream.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a child process and measured as a whole from outside, the way
 * {@code /usr/bin/time} measures it: so a quantstream run and a peer's run are charged alike,
 * JVM start-up, class loading and exit included.
 *
 * <p>Runs one child at a time: the CPU figure is what the kernel adds to this JVM's reaped
 * children's count while the child runs, which another child ending meanwhile would add to.
 */
public final class WholeProcess {

    private static final long RSS_POLL_MS = 20;

    private WholeProcess() {}

    /**
     * What one run cost.
     *
     * @param wallSeconds from the child's start to its exit
     * @param cpuSeconds user + system CPU seconds of the child (and of children it waited for)
     * @param peakRssMb the largest {@code VmHWM} seen while it ran (polled every 20 ms), MB
     * @param loadAverage the machine's 1-minute load average when it started
     */
    public record Usage(double wallSeconds, double cpuSeconds, long peakRssMb, double loadAverage) {}

    /**
     * Runs {@code command} to its end, its stdout and stderr to {@code log}.
     *
     * @throws IllegalStateException if it exits non-zero (with the end of its log)
     * @throws IOException if it cannot be started
     */
    public static Usage run(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double cpuBefore = ProcessUsage.reapedChildrenCpuSeconds();
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long peak = -1;
        while (child.isAlive()) {
            peak = Math.max(peak, ProcessUsage.peakRssMb(child.pid()));
            child.waitFor(RSS_POLL_MS, TimeUnit.MILLISECONDS);
        }
        int exit = child.waitFor(); // returns once the child is reaped and its CPU counted
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessUsage.reapedChildrenCpuSeconds() - cpuBefore;
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException(String.join(" ", command.subList(0,
                    Math.min(3, command.size()))) + " … exited with " + exit + "; " + log
                    + " ends with:\n" + String.join("\n",
                            lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        return new Usage(wall, cpu, peak, load);
    }
}
