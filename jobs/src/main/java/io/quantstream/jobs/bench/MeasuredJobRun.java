package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.KafkaJob;
import io.quantstream.jobs.MarketDataJob;
import io.quantstream.jobs.PipelineJob;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalCluster;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job process of {@code bench live}: one job on Kafka, wired as its {@code main} wires it
 * (the configured topics, {@code KafkaInput}, {@code KafkaSinks}), on an embedded MiniCluster in
 * this JVM, measured from the moment the cluster is up to the job's end.
 *
 * <pre>{@code java -cp … io.quantstream.jobs.bench.MeasuredJobRun market-data|pipeline STATS.json BROKER_PID \
 *     --config config/kafka-jobs.yaml [--key.path value ...]}</pre>
 *
 * <p>Prints {@value #STARTED} and the cluster's REST address on stdout when the cluster is up
 * and the job is being submitted.
 * With {@code kafka.bounded: true} it runs the job to the end offsets; otherwise until its stdin
 * is closed (the bench closes it when it has seen enough; a bench that dies closes it too). Then
 * it writes {@link Stats} to {@code STATS.json} and exits: 0, or 1 when the job failed.
 */
public final class MeasuredJobRun {

    /** The line printed when the cluster is up, before the job is submitted. */
    public static final String STARTED = "cluster started";

    /**
     * What one run cost. The job window is from the cluster's start to the job's end (bounded) or
     * to stdin's end (unbounded): it includes the job's deployment and its final checkpoint, not
     * the JVM's and cluster's start-up, which the process figures include.
     *
     * @param jobWallSeconds wall time of the job window
     * @param jobCpuSeconds user + system CPU seconds of this JVM in the job window
     * @param brokerCpuSeconds the same for the broker's JVM, over the same window
     * @param processWallSeconds from this JVM's start to the end of the window
     * @param processCpuSeconds CPU seconds of this JVM from its start
     * @param peakRssMb peak resident memory of this JVM (VmHWM), MB
     */
    public record Stats(double jobWallSeconds, double jobCpuSeconds, double brokerCpuSeconds,
            double processWallSeconds, double processCpuSeconds, long peakRssMb) {}

    private MeasuredJobRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException(
                    "usage: MeasuredJobRun market-data|pipeline STATS.json BROKER_PID [config args]");
        }
        File statsFile = new File(args[1]);
        long brokerPid = Long.parseLong(args[2]);
        JobConfig config = ConfigLoader.fromArgs(Arrays.copyOfRange(args, 3, args.length));
        KafkaJob job = job(args[0], config);
        Configuration conf = JobEnvironment.kafkaJob(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        job.define(env);
        try (LocalCluster cluster = new LocalCluster(conf, config.parallelism, "0")) {
            Window window = new Window(brokerPid);
            System.out.println(STARTED + " at " + cluster.webUi());
            System.out.flush();
            if (config.kafka.bounded) {
                cluster.run(env, null);
                write(statsFile, window.end());
                return;
            }
            Thread run = new Thread(() -> {
                try {
                    cluster.run(env, null);
                    System.err.println("the job ended before the bench stopped it");
                } catch (Exception e) {
                    e.printStackTrace();
                }
                System.exit(1);
            }, "measured-job");
            run.setDaemon(true);
            run.start();
            drain(System.in);
            write(statsFile, window.end());
            System.exit(0); // the job is still running: the bench has seen what it measures
        }
    }

    private static KafkaJob job(String name, JobConfig config) {
        switch (name) {
            case MarketDataJob.NAME:
                return new MarketDataJob(config, KafkaInput.trades(config, MarketDataJob.NAME).build(),
                        KafkaSinks.of(config, MarketDataJob.NAME));
            case PipelineJob.NAME:
                return new PipelineJob(config, KafkaInput.trades(config, PipelineJob.NAME).build(),
                        KafkaInput.control(config, PipelineJob.NAME).build(),
                        KafkaSinks.of(config, PipelineJob.NAME));
            default:
                throw new IllegalArgumentException("unknown job " + name + " (market-data, pipeline)");
        }
    }

    /** CPU of this JVM and of the broker, and the wall clock, at the start of the job window. */
    private static final class Window {
        private final long self = ProcessHandle.current().pid();
        private final long broker;
        private final long startNanos = System.nanoTime();
        private final double cpuStart = ProcessUsage.cpuSeconds(self);
        private final double brokerStart;

        Window(long broker) {
            this.broker = broker;
            this.brokerStart = ProcessUsage.cpuSeconds(broker);
        }

        Stats end() {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            double cpu = ProcessUsage.cpuSeconds(self);
            double brokerCpu = ProcessUsage.cpuSeconds(broker) - brokerStart;
            long started = ProcessHandle.current().info().startInstant()
                    .map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
            return new Stats(wall, cpu - cpuStart, brokerCpu,
                    (System.currentTimeMillis() - started) / 1e3, cpu,
                    ProcessUsage.peakRssMb(self));
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // the bench writes nothing; end of stream is the signal
        }
    }

    private static void write(File file, Stats stats) throws IOException {
        new ObjectMapper().writeValue(file, stats);
    }
}
