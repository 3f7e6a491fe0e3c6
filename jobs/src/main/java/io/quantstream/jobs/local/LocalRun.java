package io.quantstream.jobs.local;

import io.quantstream.connectors.file.PartFiles;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.FileJob;
import io.quantstream.jobs.bench.ProcessUsage;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.model.Market;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the file job on an embedded MiniCluster, assembles its output files from the sinks'
 * committed parts when it has ended, and reports what it did. A run starts by deleting what an
 * earlier run wrote to its output folder, parts included, unless it is restored from a checkpoint
 * or savepoint ({@code execution.state-recovery.path}): then it keeps the parts, which hold the
 * lines written before that checkpoint.
 */
public final class LocalRun {

    /** Output files of an earlier run that a new run replaces (and its parts, see {@link FileSinks}). */
    private static final Pattern OWN_OUTPUT =
            Pattern.compile("[A-Z0-9_]+-[0-9]+[mhd]\\.csv|[a-z-]+\\.jsonl");

    private LocalRun() {}

    /** Wall time, CPU time of the whole process and peak memory of one run. */
    public static final class Stats {
        public double wallSeconds;
        public double cpuSeconds;
        public long peakRssMb;
    }

    /**
     * @param webUi serve the Flink web UI on the first free port of 8081–8099 (else a random port)
     * @param out progress line and summary, or null for silence
     */
    public static Stats execute(JobConfig config, boolean webUi, PrintStream out) throws Exception {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        Path output = Paths.get(config.output).toAbsolutePath();
        Configuration conf = JobEnvironment.configuration(config);
        prepareOutput(output, conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        FileJob.define(env, config);
        List<LocalCluster.VertexCounts> vertices =
                LocalCluster.runOnce(conf, config.parallelism, webUi, env, out);
        FileSinks.assemble(output.toString());
        Stats stats = new Stats();
        stats.wallSeconds = (System.nanoTime() - start) / 1e9;
        stats.cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        stats.peakRssMb = peakRssMb();
        if (out != null) {
            RunSummary.print(out, output, vertices, stats.wallSeconds);
        }
        return stats;
    }

    /**
     * Removes the output files an earlier run wrote to {@code output}, and its parts unless
     * {@code conf} restores a checkpoint or savepoint: the restored run goes on from the parts
     * committed up to it (its sinks drop what the earlier run wrote after it).
     */
    static void prepareOutput(Path output, Configuration conf) throws IOException {
        if (conf.contains(StateRecoveryOptions.SAVEPOINT_PATH)) {
            deleteOwnFiles(output);
        } else {
            clearOwnOutputs(output);
        }
    }

    /** Removes the output files an earlier run wrote to {@code output} and its uncommitted parts. */
    static void clearOwnOutputs(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        PartFiles.discard(output);
        deleteOwnFiles(output);
        for (Market market : Market.values()) {
            Path folder = output.resolve(market.label()); // kline files of a run of several markets
            if (Files.isDirectory(folder)) {
                deleteOwnFiles(folder);
            }
        }
    }

    private static void deleteOwnFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (OWN_OUTPUT.matcher(file.getFileName().toString()).matches()) {
                    Files.delete(file);
                }
            }
        }
    }

    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident set size of this process (Linux {@code VmHWM}), or -1 elsewhere. */
    public static long peakRssMb() {
        return ProcessUsage.peakRssMb(ProcessHandle.current().pid());
    }
}
