package io.quantstream.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.ConfigUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions.CompressionCodec;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.executiongraph.IOMetrics;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * An embedded Flink MiniCluster with the web UI (when {@code flink-runtime-web} is on the class
 * path) that runs one job at a time, prints a progress line while it runs and returns per-vertex
 * record counts when it ends.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Duration CACHE_TTL = Duration.ofMillis(200);

    private final MiniCluster cluster;
    private final URI rest;
    /** {@code pipeline.classpaths} of the job configuration: plug-in jars ({@link PluginJars}). */
    private final List<URL> classpaths;
    /** Made on the first REST call: a short run that ends before its first progress line needs none. */
    private HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Starts the cluster: one task manager with {@code slots} slots, REST/web UI on the first free
     * port of {@code ports} (e.g. {@code 8081-8099}).
     */
    public LocalCluster(Configuration jobConfiguration, int slots, String ports) throws Exception {
        Configuration conf = clusterConfiguration(jobConfiguration, ports);
        classpaths = ConfigUtils.decodeListFromConfig(conf, PipelineOptions.CLASSPATHS, URL::new);
        MiniClusterConfiguration clusterConfiguration = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build();
        cluster = new MiniCluster(clusterConfiguration,
                () -> SingleActorSystem.of(LocalRpcSystem.get(conf)));
        cluster.start();
        rest = cluster.getRestAddress().get();
    }

    /**
     * The cluster's configuration: {@code jobConfiguration} (its keys win) with the settings of an
     * embedded cluster, REST/web UI on the first free port of {@code ports}.
     */
    static Configuration clusterConfiguration(Configuration jobConfiguration, String ports) {
        Configuration conf = new Configuration(jobConfiguration);
        conf.set(RestOptions.BIND_PORT, ports);
        conf.set(RestOptions.ADDRESS, "localhost");
        // the web UI caches job details; short so the progress line and `live` status are fresh
        conf.set(WebOptions.REFRESH_INTERVAL, CACHE_TTL);
        if (!conf.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        }
        // BATCH's blocking shuffles go to files of this process that it reads back itself: LZ4
        // (Flink's default) saves no network here and cost ~0.3 CPU-s of a d7 `klines` run
        if (!conf.contains(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC)) {
            conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, CompressionCodec.NONE);
        }
        // a local run has no Kerberos to get tokens from; the check alone initialises Hadoop's
        // UserGroupInformation (~0.07 CPU-s of a short run)
        if (!conf.contains(SecurityOptions.DELEGATION_TOKENS_ENABLED)) {
            conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        }
        return conf;
    }

    /**
     * Runs the job of {@code env} on a cluster of its own, started for it with {@code slots}
     * slots and closed when the job has ended; with {@code webUi} the web UI is on the first free
     * port of 8081–8099, its address printed to {@code out}.
     *
     * @param out the web UI's address and the progress line, or null for silence
     * @return the finished job's vertices with their record counts
     * @throws Exception with the job's failure cause when it does not finish successfully
     */
    public static List<VertexCounts> runOnce(Configuration conf, int slots, boolean webUi,
            StreamExecutionEnvironment env, PrintStream out) throws Exception {
        try (LocalCluster cluster = new LocalCluster(conf, slots, webUi ? "8081-8099" : "0")) {
            if (out != null && webUi) {
                out.println("Flink web UI: " + cluster.webUi() + "  (while the job runs)");
            }
            return cluster.run(env, out);
        }
    }

    /** Base address of the REST API and web UI, e.g. {@code http://localhost:8081}. */
    public URI webUi() {
        return rest;
    }

    /**
     * Runs the job defined in {@code env} to its end.
     *
     * @param progress where to print the progress line (every 2 s), or null for none
     * @return the finished job's vertices with their record counts
     * @throws Exception with the job's failure cause when it does not finish successfully
     */
    public List<VertexCounts> run(StreamExecutionEnvironment env, PrintStream progress)
            throws Exception {
        long start = System.nanoTime();
        JobID job = submit(env.getStreamGraph());
        CompletableFuture<JobResult> result = result(job);
        while (!result.isDone()) {
            try {
                result.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                if (progress != null) {
                    printProgress(progress, job, start);
                }
            }
        }
        if (progress != null && System.console() != null) {
            progress.print("\r" + " ".repeat(100) + "\r");
        }
        return finished(job, result.get());
    }

    /**
     * Runs the job defined in {@code env} to its end, without progress, and returns its result
     * with its accumulators (which {@link #run} does not give).
     *
     * @throws Exception with the job's failure cause when it does not finish successfully
     */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        JobID job = submit(env.getStreamGraph());
        JobResult result = result(job).get();
        finished(job, result);
        return result.toJobExecutionResult(getClass().getClassLoader());
    }

    /**
     * Submits the job of {@code graph} (with its restore settings) and returns at once. The
     * graph's tasks load classes also from the {@code pipeline.classpaths} of the cluster's
     * configuration, as {@code flink run -C} has them do ({@code getStreamGraph()} leaves them out).
     */
    public JobID submit(StreamGraph graph) throws Exception {
        if (graph.getClasspath().isEmpty() && !classpaths.isEmpty()) {
            graph.setClasspath(classpaths);
        }
        return cluster.submitJob(graph).get().getJobID();
    }

    /** Completes when {@code job} has ended, however it ended. */
    public CompletableFuture<JobResult> result(JobID job) {
        return cluster.requestJobResult(job);
    }

    /**
     * Triggers a checkpoint of {@code job} now, besides the periodic ones (e.g. so the Kafka
     * sources commit their offsets); completes with its id.
     */
    public CompletableFuture<Long> checkpoint(JobID job) {
        return cluster.triggerCheckpoint(job, CheckpointType.CONFIGURED);
    }

    /**
     * Stops {@code job} with a savepoint into {@code dir} after draining it: the sources stop, a
     * final watermark of {@code Long.MAX_VALUE} fires every event-time timer (the last bars
     * close), operators see the end of their input, and the sinks commit with the savepoint.
     * Completes with the savepoint's path.
     */
    public CompletableFuture<String> drain(JobID job, Path dir) {
        return cluster.stopWithSavepoint(job, dir.toUri().toString(), true, SavepointFormatType.NATIVE);
    }

    /**
     * The record counts of {@code job}'s vertices once it has ended with {@code result}, from
     * the job's archived execution graph (the tasks' final counts, as the web UI shows them).
     *
     * @throws Exception with the job's failure cause when it did not finish successfully
     */
    public List<VertexCounts> finished(JobID job, JobResult result) throws Exception {
        if (!result.isSuccess()) {
            Throwable cause = result.getSerializedThrowable()
                    .map(t -> t.deserializeError(getClass().getClassLoader()))
                    .orElse(new IllegalStateException("job ended " + result.getApplicationStatus()));
            throw new Exception("job failed: " + cause.getMessage(), cause);
        }
        List<VertexCounts> counts = new ArrayList<>();
        ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(job).get();
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            long in = 0;
            long out = 0;
            for (AccessExecutionVertex task : vertex.getTaskVertices()) {
                IOMetrics io = task.getCurrentExecutionAttempt().getIOMetrics();
                if (io != null) {
                    in += io.getNumRecordsIn();
                    out += io.getNumRecordsOut();
                }
            }
            counts.add(new VertexCounts(vertex.getName(), vertex.getParallelism(), in, out));
        }
        return counts;
    }

    private void printProgress(PrintStream out, JobID job, long start) {
        try {
            JsonNode details = get("/jobs/" + job);
            long read = 0;
            long written = 0;
            for (JsonNode v : details.path("vertices")) {
                JsonNode m = v.path("metrics");
                String name = v.path("name").asText();
                if (name.startsWith("Source:")) {
                    read += m.path("write-records").asLong();
                } else if (name.contains("Writer")) {
                    written += m.path("read-records").asLong();
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            String line = String.format("[%4ds] %s  records read %,d  records written %,d",
                    seconds, details.path("state").asText(), read, written);
            if (System.console() != null) {
                out.print("\r" + line + "   ");
                out.flush();
            } else if (seconds % 10 < 2) {
                out.println(line);
            }
        } catch (Exception e) {
            // the REST endpoint may be busy while the job starts; the next poll tries again
        }
    }

    /**
     * Triggers a savepoint of {@code job} into {@code dir} and leaves the job running; completes
     * with the savepoint's path.
     */
    public CompletableFuture<String> savepoint(JobID job, Path dir, SavepointFormatType format) {
        return cluster.triggerSavepoint(job, dir.toUri().toString(), false, format);
    }

    /** Cancels {@code job}; completes when the cancellation is acknowledged. */
    public CompletableFuture<?> cancel(JobID job) {
        return cluster.cancelJob(job);
    }

    /** A GET of the REST API, e.g. {@code /jobs/<id>}, as JSON. */
    public synchronized JsonNode get(String path) throws Exception {
        if (http == null) {
            http = HttpClient.newHttpClient();
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** Records into and out of one job vertex (a chain of operators). */
    public static final class VertexCounts {
        public final String name;
        public final int parallelism;
        public final long recordsIn;
        public final long recordsOut;

        VertexCounts(String name, int parallelism, long recordsIn, long recordsOut) {
            this.name = name;
            this.parallelism = parallelism;
            this.recordsIn = recordsIn;
            this.recordsOut = recordsOut;
        }
    }
}
