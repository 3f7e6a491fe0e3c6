package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.jobs.CommittedTopics;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.connectors.replay.TopicTrades;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quantstream live --replay … --exit-when-done} as a user runs it: the CLI in a JVM of
 * its own (so it can be killed with SIGKILL), {@code config/kafka-jobs.yaml} on this test's
 * broker, the BTCUSDT and ETHUSDT captures replayed through {@code PipelineJob} with checkpoints
 * every second. Each run has its own config name (transactional ids, consumer group) and its own
 * topics {@code <run>-<topic>}, created by the command.
 */
class LiveCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir static Path work;

    /**
     * Bound of each wait on a run: several times what a run takes on a loaded two-core machine
     * (about a minute), so only a run that hangs reaches it; every wait returns as soon as its
     * condition holds, so a passing run never waits for it.
     */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    private static final int CAPTURED_TRADES = 24_356;

    /** JobConfig.Topics field → topic name. */
    private static final Map<String, String> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put("trades", "trades");
        TOPICS.put("tradeGaps", "trade-gaps");
        TOPICS.put("klines", "klines");
        TOPICS.put("factors", "factors");
        TOPICS.put("crossSections", "cross-sections");
        TOPICS.put("targetPositions", "target-positions");
        TOPICS.put("targetDeltas", "target-deltas");
        TOPICS.put("control", "control");
        TOPICS.put("controlActions", "control-actions");
        TOPICS.put("deadLetters", "dead-letters");
    }

    /**
     * A run killed with SIGKILL (the whole JVM: MiniCluster, job and replay) while the captures are
     * replayed at 20× real time, after it committed a checkpoint and some klines and before it
     * committed all, then started again with the same command: the second run resumes from the
     * latest retained checkpoint (and the replay after the last trade on the topic), ends by
     * itself, and every output topic holds what an undisturbed run's holds, read
     * {@code read_committed}, record for record: none missing, none twice. The trades topic holds
     * each captured trade once. The undisturbed run's klines are those of the {@code klines}
     * command in BATCH on the same files: the drain at the end closes the last bars as the end of
     * a file does. (The runs overlap in time; each has its own topics, state and config name.)
     * Both runs compute a factor and weight with the example plug-in ({@code --plugin JAR}), so
     * its classes and its factor state also come back in the resumed run.
     */
    @Test
    void killedWithSigkillMidStreamAndRunAgainItEndsWithTheTopicsOfAnUndisturbedRun() throws Exception {
        String captures = SharedData.require("binance/ws/usdm").toString();

        Process undisturbed = live("undisturbed", captures, "max");
        Process killed = live("killed", captures, "20");
        try {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (!(hasCheckpoint("killed") && committed("killed-klines") > 0)) {
                if (!killed.isAlive()) {
                    fail("the run ended before it committed a checkpoint and klines: " + log("killed"));
                }
                if (System.nanoTime() > deadline) {
                    fail("no checkpoint and committed klines within " + RUN_TIMEOUT + ": " + log("killed"));
                }
                Thread.sleep(200);
            }
        } finally {
            killed.destroyForcibly(); // SIGKILL
        }
        assertThat(killed.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
        long klinesAtKill = committed("killed-klines");
        int tradesAtKill = TopicTrades.read(KAFKA.bootstrapServers(), "killed-trades").size();
        Process again = live("killed", captures, "20");

        Path batch = work.resolve("batch-klines");
        CliRun klines = CliRun.run("klines", "--input", captures, "--interval", "1m,5m,15m,1h",
                "--mode", "batch", "--output", batch.toString(), "--no-web-ui");
        assertThat(klines.exitCode()).as(klines.err()).isZero();

        assertEnded(undisturbed, "undisturbed");
        assertEnded(again, "killed");
        assertThat(log("killed")).contains("resuming from " + work.resolve("killed/state/checkpoints"));
        assertThat(klinesAtKill).as("klines committed when killed (trades on the topic: %d): mid-stream",
                tradesAtKill).isLessThan(committed("undisturbed-klines"));

        for (String topic : TOPICS.values()) {
            if (topic.equals("trades")) {
                continue;
            }
            assertThat(values("killed-" + topic)).as(topic)
                    .containsExactlyElementsOf(values("undisturbed-" + topic));
        }
        assertThat(values("undisturbed-target-positions")).anyMatch(t -> t.contains("\"reason\":null"));
        assertThat(values("undisturbed-factors")).anyMatch(f -> f.contains("\"kama_5\""));
        for (String run : List.of("undisturbed", "killed")) {
            List<TopicTrades.Published> trades = TopicTrades.read(KAFKA.bootstrapServers(), run + "-trades");
            assertThat(trades).as(run + " trades").hasSize(CAPTURED_TRADES);
            assertThat(trades.stream().map(t -> t.key() + "#" + t.trade().aggTradeId).distinct())
                    .as(run + " trades, each once").hasSize(CAPTURED_TRADES);
        }

        Path live = work.resolve("undisturbed/out");
        List<String> files = CommittedTopics.csvFiles(batch);
        assertThat(files).contains("BTCUSDT-1m.csv", "ETHUSDT-1h.csv");
        assertThat(CommittedTopics.csvFiles(live)).containsExactlyElementsOf(files);
        for (String file : files) {
            assertThat(Files.readAllLines(live.resolve(file))).as(file)
                    .isEqualTo(Files.readAllLines(batch.resolve(file)));
        }
    }

    /** Starts {@code bin/quantstream live} for {@code run} in a JVM of its own, output to {@code <run>.log}. */
    private static Process live(String run, String captures, String speed) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
                .forEach(command::add);
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                QuantstreamCli.class.getName(), "live",
                "--config", Paths.get("../config/kafka-jobs.yaml").toAbsolutePath().toString(),
                "--replay", captures, "--speed", speed, "--exit-when-done", "--no-web-ui",
                "--state", work.resolve(run + "/state").toString(),
                "--dir", work.resolve(run + "/kafka").toString(), // a local broker only if this test's is gone
                "--output", work.resolve(run + "/out").toString(),
                "--name", "live-" + run, "--kafka.bootstrapServers", KAFKA.bootstrapServers(),
                "--flink.execution.checkpointing.interval", "1s",
                // a plug-in factor and weighting: its classes reach the restored job from the jar
                "--plugin", pluginJar().toString(),
                "--factors", "ema(12),rsi(14),log_return(5),taker_buy_ratio,kama(5)",
                "--strategy.weighting", "top_bottom(count=1)"));
        TOPICS.forEach((key, topic) -> {
            command.addAll(List.of("--kafka.topics." + key + ".name", run + "-" + topic));
            // replayed 2024 timestamps would roll every segment at once: target-positions would
            // be compacted while the test reads it
            command.addAll(List.of("--kafka.topics." + key + ".configs.segment.ms", "3153600000000"));
        });
        Path log = work.resolve(run + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** The example plug-in's jar (factor {@code kama}, weighting {@code top_bottom}), made once. */
    private static synchronized Path pluginJar() throws IOException {
        Path jar = work.resolve("example-plugin.jar");
        return Files.exists(jar) ? jar : ExamplePluginJar.write(jar);
    }

    private static void assertEnded(Process run, String name) throws Exception {
        boolean ended = run.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            run.destroyForcibly();
        }
        assertThat(ended).as("%s ended by itself: %s", name, log(name)).isTrue();
        assertThat(run.exitValue()).as("%s exit code: %s", name, log(name)).isZero();
        assertThat(log(name)).contains("the replay is through the job: draining it");
    }

    private static boolean hasCheckpoint(String run) throws IOException {
        Path checkpoints = work.resolve(run + "/state/checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> files = Files.find(checkpoints, 3, (p, a) -> p.getFileName().toString().equals("_metadata"))) {
            return files.findAny().isPresent();
        }
    }

    /** Records on {@code topic} a {@code read_committed} reader sees now. */
    private static long committed(String topic) throws IOException {
        Path dir = Files.createTempDirectory(work, "committed");
        return TopicDump.jsonLines(KAFKA.bootstrapServers(), topic, dir).records();
    }

    /** The values on {@code topic}, read {@code read_committed} once no transaction is open, sorted. */
    private static List<String> values(String topic) throws IOException {
        return CommittedTopics.sortedValues(KAFKA.bootstrapServers(), topic, Files.createTempDirectory(work, topic));
    }

    private static String log(String run) {
        try {
            return Files.readString(work.resolve(run + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
