package io.quantstream.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time and peak memory of a process on this machine, by pid: what a benchmark charges to the
 * job's JVM and to the broker's JVM separately.
 */
public final class ProcessUsage {

    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}: 100 on every architecture it runs on here. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcessUsage() {}

    /**
     * User + system CPU seconds the process has used so far (the kernel's count in
     * {@code /proc/<pid>/stat}, read through {@link ProcessHandle.Info#totalCpuDuration}).
     *
     * @throws IllegalStateException if the process is gone or does not say
     */
    static double cpuSeconds(long pid) {
        Duration cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid
                        + " (process gone, or not readable)"));
        return cpu.toNanos() / 1e9;
    }

    /**
     * User + system CPU seconds of this JVM's children that have ended and been reaped (fields
     * {@code cutime} and {@code cstime} of {@code /proc/self/stat}). The kernel adds a child's
     * whole count there when the child is reaped, so the growth across one child's life is that
     * child's CPU time, start-up and exit included, as {@code /usr/bin/time} reports it.
     *
     * @throws IOException if {@code /proc/self/stat} cannot be read (not Linux)
     */
    static double reapedChildrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // fields after the command name in parentheses (which may hold spaces) start at field 3
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** Peak resident set size in MB ({@code VmHWM} of {@code /proc/<pid>/status}), or -1 where there is none. */
    public static long peakRssMb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
