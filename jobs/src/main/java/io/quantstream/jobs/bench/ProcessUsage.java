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
