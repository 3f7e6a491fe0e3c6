package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorStages;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalCluster;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job process of {@code bench factors}: synthetic klines of one interval in time order
 * ({@link SyntheticKlines#inTimeOrder}) → the factor stage as the jobs wire it
 * ({@link FactorStages#compute}, keyed by instrument and interval) → a sink that drops the
 * vectors, on an embedded MiniCluster in this JVM with one slot. BATCH runs with the file jobs'
 * configuration ({@link JobEnvironment#configuration}); STREAMING with the Kafka jobs'
 * ({@link JobEnvironment#kafkaJob}: RocksDB state, incremental checkpoints every 10 s, here to
 * {@code CHECKPOINTS}).
 *
 * <pre>{@code java -cp … io.quantstream.jobs.bench.FactorThroughputRun batch|streaming STATS.json \
 *     FACTORS INSTRUMENTS INTERVAL BARS CHECKPOINTS}</pre>
 *
 * Writes {@link Stats} to {@code STATS.json}; exits non-zero when the job fails or its factor
 * stage did not take every kline.
 */
public final class FactorThroughputRun {

    /** Bars end here (2026-01-01T00:00Z, a multiple of every interval). */
    static final long END = 1_767_225_600_000L;

    /**
     * One run, measured from the cluster's start to the job's end (deployment included, JVM
     * start-up not).
     *
     * @param jobCpuSeconds user + system CPU seconds of this JVM over that window
     * @param bars klines into the factor stage (one vector out per kline)
     * @param peakRssMb peak resident memory of this JVM (VmHWM), MB
     */
    public record Stats(double jobWallSeconds, double jobCpuSeconds, long bars, long peakRssMb) {}

    private FactorThroughputRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: FactorThroughputRun batch|streaming"
                    + " STATS.json FACTORS INSTRUMENTS INTERVAL BARS CHECKPOINTS");
        }
        String mode = args[0];
        FactorSet factors = FactorSet.parse(args[2]);
        int instruments = Integer.parseInt(args[3]);
        Interval interval = Interval.parse(args[4]);
        int bars = Integer.parseInt(args[5]);
        JobConfig config = new JobConfig();
        config.name = "bench factors (" + mode + ")";
        config.mode = mode;
        config.parallelism = 1;
        Configuration conf;
        if (mode.equals("batch")) {
            conf = JobEnvironment.configuration(config);
        } else {
            conf = JobEnvironment.kafkaJob(config);
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Path.of(args[6]).toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        DataStream<Kline> klines = SyntheticKlines.inTimeOrder(env, instruments, interval, bars, END);
        FactorStages.compute(klines, factors).sinkTo(new DiscardingSink<>()).name("discard");
        long self = ProcessHandle.current().pid();
        try (LocalCluster cluster = new LocalCluster(conf, 1, "0")) {
            long start = System.nanoTime();
            double cpuStart = ProcessUsage.cpuSeconds(self);
            List<LocalCluster.VertexCounts> vertices = cluster.run(env, null);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = ProcessUsage.cpuSeconds(self) - cpuStart;
            LocalCluster.VertexCounts stage = vertices.stream()
                    .filter(v -> v.name.contains("factors")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no factor vertex in "
                            + vertices.stream().map(v -> v.name).toList()));
            long expected = (long) instruments * bars;
            if (stage.recordsIn != expected) {
                throw new IllegalStateException("the factor stage took " + stage.recordsIn
                        + " klines, expected " + expected);
            }
            new ObjectMapper().writeValue(new File(args[1]), new Stats(wall, cpu, stage.recordsIn,
                    ProcessUsage.peakRssMb(self)));
        }
    }
}
