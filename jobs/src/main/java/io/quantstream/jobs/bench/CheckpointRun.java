package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.PipelineJob;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * {@code bench state}, checkpoints: {@code PipelineJob} in a JVM of its own (RocksDB, incremental
 * checkpoints, as configured) while {@link LiveTradeFeed} writes live trades at a steady rate
 * over the instruments; every completed checkpoint is read from the job's REST API
 * ({@code /jobs/<id>/checkpoints}) while the feed runs. Checkpoints that start within the
 * warm-up are left out of the figures.
 */
final class CheckpointRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One completed checkpoint.
     *
     * @param checkpointedBytes bytes this checkpoint uploaded (incremental: the new SST files)
     * @param stateBytes the full state it covers
     */
    record Checkpoint(long id, long triggered, long durationMs, long checkpointedBytes,
            long stateBytes) {}

    /**
     * @param counted the checkpoints after the warm-up, in id order
     * @param failed checkpoints that failed while the feed ran
     */
    record Result(int instruments, double rate, LiveTradeFeed.Sent sent, long warmUpMs,
            List<Checkpoint> counted, int failed, long medianDurationMs, long maxDurationMs,
            long medianCheckpointedBytes, long lastStateBytes, MeasuredJobRun.Stats job) {}

    private CheckpointRun() {}

    static Result run(LiveBenchSetup setup, List<String> jobArgs, int instruments, double rate,
            Duration duration, Duration warmUp) throws Exception {
        List<Instrument> universe = IntStream.range(0, instruments)
                .mapToObj(i -> new Instrument(Market.USDM, SyntheticKlines.symbol(i))).toList();
        var config = setup.createTopics(jobArgs);
        setup.log().printf("checkpoints: PipelineJob, %,.0f trades/s over %d instruments for %d s"
                + " ...%n", rate, instruments, duration.toSeconds());
        try (JobProcess job = JobProcess.start(PipelineJob.NAME, setup.work().resolve("checkpoints"),
                        setup.brokerPid(), setup.jvmOptions(), jobArgs);
                LiveTradeFeed feed = new LiveTradeFeed(setup.bootstrapServers(),
                        config.kafka.topics.trades.name, universe, rate)) {
            job.awaitStarted(Duration.ofMinutes(2));
            Rest rest = new Rest(job.webUi());
            TreeMap<Long, Checkpoint> completed = new TreeMap<>();
            int[] failed = {0};
            Thread poll = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        collect(rest, completed, failed);
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the REST API may not answer while the job deploys; the next poll tries again
                    }
                }
            }, "checkpoint-stats");
            poll.setDaemon(true);
            poll.start();
            long feedStart = System.currentTimeMillis();
            LiveTradeFeed.Sent sent = feed.run(duration.toMillis());
            poll.interrupt();
            poll.join();
            collect(rest, completed, failed);
            MeasuredJobRun.Stats stats = job.stop();
            List<Checkpoint> counted = new ArrayList<>();
            synchronized (completed) {
                completed.values().stream()
                        .filter(c -> c.triggered >= feedStart + warmUp.toMillis())
                        .forEach(counted::add);
            }
            if (counted.isEmpty()) {
                throw new IllegalStateException("no checkpoint completed after the warm-up of "
                        + warmUp.toSeconds() + " s; run longer (--duration)");
            }
            long[] durations = counted.stream().mapToLong(Checkpoint::durationMs).sorted().toArray();
            long[] sizes = counted.stream().mapToLong(Checkpoint::checkpointedBytes).sorted().toArray();
            return new Result(instruments, rate, sent, warmUp.toMillis(), counted, failed[0],
                    durations[durations.length / 2], durations[durations.length - 1],
                    sizes[sizes.length / 2], counted.get(counted.size() - 1).stateBytes, stats);
        }
    }

    private static void collect(Rest rest, TreeMap<Long, Checkpoint> completed, int[] failed)
            throws IOException, InterruptedException {
        for (JsonNode j : rest.get("/jobs/overview").path("jobs")) {
            if (!"RUNNING".equals(j.path("state").asText())) {
                continue;
            }
            JsonNode stats = rest.get("/jobs/" + j.path("jid").asText() + "/checkpoints");
            synchronized (completed) {
                failed[0] = stats.path("counts").path("failed").asInt();
                for (JsonNode c : stats.path("history")) {
                    if ("COMPLETED".equals(c.path("status").asText())
                            && !c.path("is_savepoint").asBoolean()) {
                        completed.put(c.path("id").asLong(), new Checkpoint(c.path("id").asLong(),
                                c.path("trigger_timestamp").asLong(),
                                c.path("end_to_end_duration").asLong(),
                                c.path("checkpointed_size").asLong(), c.path("state_size").asLong()));
                    }
                }
            }
        }
    }

    /** GETs of the job process's REST API. */
    private record Rest(URI base, HttpClient http) {
        Rest(URI base) {
            this(base, HttpClient.newHttpClient());
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            return JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
