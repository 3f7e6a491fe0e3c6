package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quantstream kafka start|status|stop} and {@code topic dump} as a user runs them: the
 * commands in-process, the broker in a JVM of its own in the background, everything under a
 * temporary folder.
 */
class KafkaCommandITCase {

    @TempDir Path dir;

    @Test
    void startStatusDumpAndStopAsAUserRunsThem() throws Exception {
        String folder = dir.resolve("kafka").toString();
        Files.createDirectories(dir.resolve("kafka"));
        Files.writeString(dir.resolve("kafka/broker.pid"), deadPid() + "\n"); // left by a kill -9

        CliRun start = CliRun.run("kafka", "start", "--dir", folder, "--port", "0", "--controller-port", "0");
        CliRun stop;
        try {
            assertThat(start.exitCode()).as(start.err()).isZero();
            assertThat(start.out()).contains("removed a stale pid file", "Kafka broker running at localhost:",
                    "created topics: trades, trade-gaps, klines, factors, cross-sections, target-positions, target-deltas, control, control-actions, dead-letters",
                    "  target-positions: 4 partitions, cleanup.policy=compact", "  trades: 4 partitions");
            String address = address(start.out());

            CliRun status = CliRun.run("kafka", "status", "--dir", folder);
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("Kafka broker running at " + address, "  klines: 4 partitions");

            CliRun again = CliRun.run("kafka", "start", "--dir", folder, "--port", "0", "--controller-port", "0");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("Kafka broker already running at " + address);

            produce(address);
            Path klinesOut = dir.resolve("klines-topic");
            CliRun klines = CliRun.run("topic", "dump", "--topic", "klines", "--output", klinesOut.toString(), "--dir", folder);
            assertThat(klines.exitCode()).as(klines.err()).isZero();
            assertThat(klines.out()).contains("topic klines at " + address + ": 4 records from 4 partitions",
                    "2 kline files");
            // Binance's twelve columns, then the trade statistics: empty, these klines have none
            assertThat(Files.readAllLines(klinesOut.resolve("BTCUSDT-1m.csv"))).containsExactly(
                    "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore,"
                            + "vwap,dollar_volume,buy_volume,sell_volume,buy_dollar_volume,sell_dollar_volume,buy_count,sell_count,"
                            + "size1_count,size1_volume,size2_count,size2_volume,size3_count,size3_volume,size4_count,size4_volume",
                    "1721260800000,67000.10,67010.00,66990.5,67005.50,1.250,1721260859999,83757.6250,42,0.500,33503.0000,0" + ",".repeat(16),
                    "1721260860000,67005.50,67005.50,67005.50,67005.50,0,1721260919999,0,0,0,0,0" + ",".repeat(16));
            assertThat(Files.readAllLines(klinesOut.resolve("BTCUSDT-5m.csv"))).hasSize(2);
            assertThat(Files.readAllLines(klinesOut.resolve("dead-letters.jsonl"))).singleElement()
                    .asString().contains("\"reason\":\"malformed\"", "\"raw\":\"not json\"");

            Path targetsOut = dir.resolve("targets-topic");
            CliRun targets = CliRun.run("topic", "dump", "--topic", "target-positions", "--output", targetsOut.toString(),
                    "--bootstrap-servers", address);
            assertThat(targets.exitCode()).as(targets.err()).isZero();
            assertThat(targets.out()).contains("2 records from 4 partitions (1 tombstones skipped)");
            assertThat(Files.readAllLines(targetsOut.resolve("target-positions.jsonl"))).singleElement()
                    .asString().contains("\"symbol\":\"BTCUSDT\"", "\"quantity\":-0.12345678");

            // the dead-letters topic and the dump's own undecodable records go to two files
            Path lettersOut = dir.resolve("dead-letters-topic");
            CliRun letters = CliRun.run("topic", "dump", "--topic", "dead-letters", "--output", lettersOut.toString(),
                    "--bootstrap-servers", address);
            assertThat(letters.exitCode()).as(letters.err()).isZero();
            assertThat(letters.err()).contains("1 records did not decode: "
                    + lettersOut.resolve("dead-letters-undecodable.jsonl"));
            assertThat(Files.readAllLines(lettersOut.resolve("dead-letters.jsonl"))).singleElement()
                    .asString().contains("\"reason\":\"negative-price\"");
            assertThat(Files.readAllLines(lettersOut.resolve("dead-letters-undecodable.jsonl"))).singleElement()
                    .asString().contains("\"raw\":\"not json either\"");
        } finally {
            stop = CliRun.run("kafka", "stop", "--dir", folder);
        }
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("stopped Kafka broker at localhost:");
        CliRun stopped = CliRun.run("kafka", "status", "--dir", folder);
        assertThat(stopped.exitCode()).isEqualTo(KafkaCommand.NOT_RUNNING);
        assertThat(stopped.out()).contains("Kafka broker not running (no pid file in ");
    }

    @Test
    void aStalePidFileIsReportedByStatusAndRemovedByStop() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("stale"));
        long pid = deadPid();
        Files.writeString(folder.resolve("broker.pid"), pid + "\n");

        CliRun status = CliRun.run("kafka", "status", "--dir", folder.toString());
        CliRun stop = CliRun.run("kafka", "stop", "--dir", folder.toString());

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("stale pid file " + folder.resolve("broker.pid") + " (process " + pid);
        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.err()).contains("removed stale pid file");
        assertThat(folder.resolve("broker.pid")).doesNotExist();
    }

    @Test
    void aPortInUseIsAnErrorThatNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            int port = taken.getLocalPort();
            CliRun start = CliRun.run("kafka", "start", "--dir", dir.resolve("busy").toString(),
                    "--port", Integer.toString(port), "--controller-port", "0");
            assertThat(start.exitCode()).isEqualTo(1);
            assertThat(start.err()).contains("error: port " + port + " on localhost is in use");
            assertThat(dir.resolve("busy/broker.pid")).doesNotExist();
        }
    }

    @Test
    void dumpWithoutABrokerSaysHowToStartOne() {
        CliRun dump = CliRun.run("topic", "dump", "--topic", "klines", "--output", dir.resolve("out").toString(),
                "--bootstrap-servers", "localhost:1");
        assertThat(dump.exitCode()).isEqualTo(1);
        assertThat(dump.err()).contains("no Kafka broker answers at localhost:1 (start one with `bin/quantstream kafka start`");
    }

    /**
     * Two 1m klines and their 5m bar (in order, on one key) and a record that is not JSON; targets;
     * a dead letter and a record that is not JSON.
     */
    private static void produce(String address) throws Exception {
        Kline first = kline("1m", 1_721_260_800_000L, 59_999L, "67000.10", "67010.00", "66990.5", "67005.50",
                "1.250", "83757.6250", 42, "0.500", "33503.0000");
        Kline quiet = kline("1m", 1_721_260_860_000L, 59_999L, "67005.50", "67005.50", "67005.50", "67005.50",
                "0", "0", 0, "0", "0");
        Kline fiveMinutes = kline("5m", 1_721_260_800_000L, 299_999L, "67000.10", "67010.00", "66990.5", "67005.50",
                "1.250", "83757.6250", 42, "0.500", "33503.0000");
        TargetPosition target = new TargetPosition();
        target.time = 1_721_264_399_999L;
        target.symbol = "BTCUSDT";
        target.weight = -0.25;
        target.quantity = new BigDecimal("-0.12345678");
        target.price = new BigDecimal("67005.50");
        target.reference = "xs-long-short";
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", address),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Kline k : List.of(quiet, first, fiveMinutes)) { // the dump sorts by open time
                producer.send(new ProducerRecord<>("klines", JsonRecords.KLINES.key(k).getBytes(StandardCharsets.UTF_8),
                        JsonRecords.KLINES.value(k))).get();
            }
            producer.send(new ProducerRecord<>("klines", "not json".getBytes(StandardCharsets.UTF_8))).get();
            byte[] key = JsonRecords.TARGET_POSITIONS.key(target).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>("target-positions", key, JsonRecords.TARGET_POSITIONS.value(target))).get();
            producer.send(new ProducerRecord<>("target-positions", "other|ETHUSDT".getBytes(StandardCharsets.UTF_8), null)).get();
            producer.send(new ProducerRecord<>("dead-letters", JsonRecords.DEAD_LETTERS.value(DeadLetter.of(
                    "validate", "negative-price", "price -1", "kafka:trades/0@7", "{}", 1_721_260_800_000L)))).get();
            producer.send(new ProducerRecord<>("dead-letters", "not json either".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static Kline kline(String interval, long openTime, long length, String open, String high, String low,
            String close, String volume, String quoteVolume, long count, String takerBuyVolume, String takerBuyQuote) {
        Kline k = new Kline();
        k.symbol = "BTCUSDT";
        k.market = Market.USDM;
        k.interval = interval;
        k.openTime = openTime;
        k.closeTime = openTime + length;
        k.open = new BigDecimal(open);
        k.high = new BigDecimal(high);
        k.low = new BigDecimal(low);
        k.close = new BigDecimal(close);
        k.volume = new BigDecimal(volume);
        k.quoteVolume = new BigDecimal(quoteVolume);
        k.count = count;
        k.takerBuyVolume = new BigDecimal(takerBuyVolume);
        k.takerBuyQuoteVolume = new BigDecimal(takerBuyQuote);
        return k;
    }

    private static String address(String startOutput) {
        Matcher m = Pattern.compile("bootstrap servers: (localhost:\\d+)").matcher(startOutput);
        assertThat(m.find()).as(startOutput).isTrue();
        return m.group(1);
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
