package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.CaptureTrades;
import io.quantstream.connectors.binance.source.CaptureTrades.CapturedTrade;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.replay.TopicTrades;
import io.quantstream.connectors.replay.TopicTrades.Published;
import io.quantstream.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/quantstream replay} as a user runs it, against a real broker. */
class ReplayCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path dir;

    /**
     * The captures replayed by a {@code bin/quantstream replay} JVM at speed 40 (about 12 s for
     * their 8 minutes), killed with SIGKILL once 2,000 trades are committed, then replayed again
     * at max speed: the second run passes over what the first committed and the topic ends with
     * every trade of both instruments exactly once, in id order.
     */
    @Test
    void aReplayKilledWithSigkillThenRunAgainPublishesEveryTradeExactlyOnce() throws Exception {
        String topic = "cli-replay-killed";
        KAFKA.createTopics(new TopicSpec(topic, 4, Map.of()));
        String captures = SharedData.require("binance/ws/usdm").toString();
        Path log = dir.resolve("replay.log");
        Process replay = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), QuantstreamCli.class.getName(),
                "replay", "--input", captures, "--topic", topic, "--speed", "40",
                "--bootstrap-servers", KAFKA.bootstrapServers())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (TopicTrades.read(KAFKA.bootstrapServers(), topic).size() < 2_000) {
                assertThat(replay.isAlive()).as("replay still running: %s", read(log)).isTrue();
                assertThat(System.nanoTime()).as("2,000 trades committed within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            replay.destroyForcibly(); // SIGKILL
        }
        assertThat(replay.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
        int committed = TopicTrades.read(KAFKA.bootstrapServers(), topic).size();
        assertThat(committed).isBetween(2_000, 24_356 - 1);

        CliRun again = CliRun.run("replay", "--input", captures, "--topic", topic, "--speed", "max",
                "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(
                "replaying 4 trade files (2 groups) to topic " + topic + " at " + KAFKA.bootstrapServers() + ", speed max",
                String.format("replayed %,d trades of 2 instruments (usdm:BTCUSDT, usdm:ETHUSDT)", 24_356 - committed),
                String.format("already published  %,d (on the topic before this run, skipped)", committed),
                "not published      0");
        List<Published> records = TopicTrades.read(KAFKA.bootstrapServers(), topic);
        assertThat(TopicTrades.ofKey(records, "usdm:BTCUSDT")).extracting(r -> r.trade().aggTradeId)
                .containsExactlyElementsOf(ids(CaptureTrades.btcusdt()));
        assertThat(TopicTrades.ofKey(records, "usdm:ETHUSDT")).extracting(r -> r.trade().aggTradeId)
                .containsExactlyElementsOf(ids(CaptureTrades.ethusdt()));
        assertThat(records).hasSize(24_356);
    }

    @Test
    void badInputsEndWithAClearErrorAndANonZeroExitCode() throws Exception {
        Path missing = dir.resolve("nonexistent");
        CliRun noInput = CliRun.run("replay", "--input", missing.toString(), "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(noInput.exitCode()).isEqualTo(1);
        assertThat(noInput.err()).contains("error: no such file or folder: " + missing);

        Path klines = Files.createDirectories(dir.resolve("futures/um")).resolve("BTCUSDT-1m-2024-07-18.csv");
        Files.writeString(klines, "1721347080000,1,1,1,1,1,1721347139999,1,1,1,1,0\n");
        CliRun onlyKlines = CliRun.run("replay", "--input", klines.toString(), "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(onlyKlines.exitCode()).isEqualTo(1);
        assertThat(onlyKlines.err()).contains("error: no trade files in", "found only kline files");

        String captures = SharedData.require("binance/ws/usdm").toString();
        CliRun badSpeed = CliRun.run("replay", "--input", captures, "--speed", "fast");
        assertThat(badSpeed.exitCode()).isEqualTo(1);
        assertThat(badSpeed.err()).contains("error: speed must be a positive number (1 = real time) or max, got 'fast'");

        CliRun noTopic = CliRun.run("replay", "--input", captures, "--topic", "no-such-topic",
                "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(noTopic.exitCode()).isEqualTo(1);
        assertThat(noTopic.err()).contains("error: no topic no-such-topic at " + KAFKA.bootstrapServers());
    }

    private static List<Long> ids(List<CapturedTrade> trades) {
        return trades.stream().map(CapturedTrade::id).collect(Collectors.toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
