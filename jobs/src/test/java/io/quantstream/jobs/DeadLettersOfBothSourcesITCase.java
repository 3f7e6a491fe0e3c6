package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.binance.BinanceFileReader;
import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.Market;
import io.quantstream.testing.MiniClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.base.ShortSerializer;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad record of a bad-input file becomes its dead letter, with its stage and reason, through
 * the file source and through the Kafka source (a real broker): the fast paths (trade rows decoded
 * from bytes, {@code trades} values decoded without Jackson, runs accumulated in scaled longs) drop
 * none. The dead letters are listed by hand from the file below; the good trades' klines are
 * checked by their count and exact volume, and the gaps the rejected ids leave are reported.
 */
class DeadLettersOfBothSourcesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir static Path in;
    @TempDir static Path work;

    /** Archive aggTrades of 2024-01-01 (USD-M): a header, CRLF line ends, an empty line. */
    private static final List<String> TEST_ROWS = List.of(
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
            "100,42000.10,0.500,1000,1001,1704067200000,true",                       // 2 good
            "101,42000.20,not-a-number,1002,1002,1704067201000,false",               // 3 bad-number
            "102,42000.30,0.250,1003,1003",                                          // 4 field-count
            "103,42000.30,0.250,1003,1003,1704067201500,maybe",                      // 5 bad-boolean
            "104,-1.00,0.100,1004,1004,1704067202000,false",                         // 6 price
            "105,42000.40,0,1005,1005,1704067202500,false",                          // 7 quantity
            "-106,42000.40,0.1,1006,1006,1704067203000,false",                       // 8 negative id
            "107,42000.40,0.1,1008,1007,1704067203500,false",                        // 9 id range
            "108,42000.40,0.1,1009,1009,1000,false",                                 // 10 time
            "",                                                                      // 11
            "109,42000.123456789012345678901,0.125,1010,1010,1704067204000,false",   // 12 good, 27 digits
            "109,42000.123456789012345678901,0.125,1010,1010,1704067204000,false",   // 13 duplicate
            "110,42000.50,1.000,1015,1016,1704067261000,true");                      // 14 good, after a gap

    /** The dead letters of the trades both sources carry: {@code stage reason origin}. */
    private static final List<String> TRADE_DEAD_LETTERS = List.of(
            "validate non-positive-price USDM:TESTUSDT#104",
            "validate non-positive-quantity USDM:TESTUSDT#105",
            "validate negative-id USDM:TESTUSDT#-106",
            "validate bad-id-range USDM:TESTUSDT#107",
            "validate time-out-of-range USDM:TESTUSDT#108",
            "klines duplicate USDM:TESTUSDT#109",
            "validate unknown-symbol USDM:OTHERUSDT#1");

    /** Both gaps: the ids of the rejected rows (1002..1009) and 1011..1014. */
    private static final List<String> GAPS = List.of(
            "8 trades missing between ids 1001 and 1010", "4 trades missing between ids 1010 and 1015");

    private static Path testFile;
    private static Path otherFile;

    @BeforeAll
    static void writeTheBadInputFiles() throws IOException {
        testFile = in.resolve("TESTUSDT-aggTrades-2024-01-01.csv");
        Files.writeString(testFile, String.join("\r\n", TEST_ROWS) + "\r\n");
        otherFile = in.resolve("OTHERUSDT-aggTrades-2024-01-01.csv");
        Files.writeString(otherFile, "1,10.5,2,1,1,1704067200000,true\n");
    }

    @Test
    void theFileSourceGivesEveryDeadLetterWithItsReason() throws Exception {
        Path out = work.resolve("file");
        JobConfig config = config("file");
        config.input.paths = List.of(in.toString());
        config.output = out.toString();
        FileJobRuns.run(config);

        assertThat(deadLetters(Files.readAllLines(out.resolve(FileSinks.DEAD_LETTERS + ".jsonl"))))
                .containsExactlyInAnyOrderElementsOf(fileSourceDeadLetters());
        assertThat(Files.readAllLines(out.resolve(FileSinks.TRADE_GAPS + ".jsonl")))
                .hasSize(2).anySatisfy(g -> assertThat(g).contains("\"lastTradeIdBefore\":1001",
                        "\"firstTradeIdAfter\":1010", "\"missingTrades\":8"))
                .anySatisfy(g -> assertThat(g).contains("\"lastTradeIdBefore\":1010",
                        "\"firstTradeIdAfter\":1015", "\"missingTrades\":4"));
        assertGoodTradesInKlines(Files.readAllLines(out.resolve("TESTUSDT-1m.csv")));
    }

    /**
     * In BATCH with 1m only, the file job has no roll-up (it would pass the aggregator's bars
     * through); its outputs are still those of STREAMING, which has one: every dead letter with
     * its reason, every gap, every kline.
     */
    @Test
    void theBatchFileJobWithoutItsRollUpWritesWhatStreamingWrites() throws Exception {
        Path streaming = work.resolve("file-streaming");
        Path batch = work.resolve("file-batch");
        JobConfig streamingConfig = config("file-streaming");
        JobConfig batchConfig = config("file-batch");
        batchConfig.mode = "batch";
        streamingConfig.input.paths = List.of(in.toString());
        batchConfig.input.paths = List.of(in.toString());
        streamingConfig.output = streaming.toString();
        batchConfig.output = batch.toString();
        assertThat(operatorNames(streamingConfig)).anyMatch(n -> n.startsWith("Roll up klines"));
        assertThat(operatorNames(batchConfig)).noneMatch(n -> n.startsWith("Roll up klines"))
                .anyMatch(n -> n.startsWith("Aggregate 1m klines"));

        FileJobRuns.run(streamingConfig);
        FileJobRuns.run(batchConfig);
        for (String file : List.of(FileSinks.DEAD_LETTERS + ".jsonl", FileSinks.TRADE_GAPS + ".jsonl",
                "TESTUSDT-1m.csv")) {
            assertThat(Files.readAllLines(batch.resolve(file))).as(file)
                    .containsExactlyInAnyOrderElementsOf(Files.readAllLines(streaming.resolve(file)));
        }
        assertThat(deadLetters(Files.readAllLines(batch.resolve(FileSinks.DEAD_LETTERS + ".jsonl"))))
                .hasSizeGreaterThan(TRADE_DEAD_LETTERS.size());
    }

    /**
     * Flink's {@code automatic} mode over files (bounded sources) runs the job in BATCH, and the
     * job is built for BATCH: no roll-up, the factor stage keyed by its 16-bit bucket key; its
     * dead letters and klines are those listed by hand.
     */
    @Test
    void theAutomaticFileJobOverFilesIsBuiltForBatch() throws Exception {
        Path out = work.resolve("file-automatic");
        JobConfig config = config("file-automatic");
        config.mode = "automatic";
        config.factors = "ema(3)";
        config.input.paths = List.of(in.toString());
        config.output = out.toString();
        StreamGraph graph = streamGraph(config);
        assertThat(graph.getJobType()).isEqualTo(JobType.BATCH);
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getOperatorName)
                .noneMatch(n -> n.startsWith("Roll up klines"))
                .anyMatch(n -> n.startsWith("Aggregate 1m klines"));
        assertThat(graph.getStreamNodes()).filteredOn(n -> n.getOperatorName().startsWith("factors ["))
                .singleElement().extracting(StreamNode::getStateKeySerializer)
                .isInstanceOf(ShortSerializer.class);

        FileJobRuns.run(config);
        assertThat(deadLetters(Files.readAllLines(out.resolve(FileSinks.DEAD_LETTERS + ".jsonl"))))
                .filteredOn(l -> !l.startsWith("factors "))
                .containsExactlyInAnyOrderElementsOf(fileSourceDeadLetters());
        assertGoodTradesInKlines(Files.readAllLines(out.resolve("TESTUSDT-1m.csv")));
    }

    /** The file source's dead letters: the three rows that do not decode, then the trades'. */
    private static List<String> fileSourceDeadLetters() {
        List<String> expected = new ArrayList<>(List.of(
                "decode bad-number " + testFile + ":3",
                "decode field-count " + testFile + ":4",
                "decode bad-boolean " + testFile + ":5"));
        expected.addAll(TRADE_DEAD_LETTERS);
        return expected;
    }

    private static List<String> operatorNames(JobConfig config) {
        List<String> names = new ArrayList<>();
        streamGraph(config).getStreamNodes().forEach(n -> names.add(n.getOperatorName()));
        return names;
    }

    private static StreamGraph streamGraph(JobConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        FileJob.define(env, config);
        return env.getStreamGraph();
    }

    @Test
    void theKafkaSourceGivesEveryDeadLetterWithItsReason() throws Exception {
        JobConfig config = config("kafka");
        config.name = "dead-letters-kafka";
        config.kafka.bootstrapServers = KAFKA.bootstrapServers();
        config.flink.put("execution.checkpointing.interval", "500ms");
        for (JobConfig.Topic topic : config.kafka.topics.all()) {
            topic.name = "dl-" + topic.name;
            topic.partitions = 1;
            topic.configs.putAll(CaptureTrades.TOPIC_CONFIGS);
            KAFKA.createTopics(topic.spec());
        }
        String trades = config.kafka.topics.trades.name;
        List<String> expected = new ArrayList<>(TRADE_DEAD_LETTERS);
        long offset = 0;
        try (CaptureTrades.Producer producer =
                new CaptureTrades.Producer(KAFKA.bootstrapServers(), trades)) {
            // each row as the live path writes it: a trade as JSON, a row that does not decode as its text
            for (Path file : List.of(testFile, otherFile)) {
                for (RawLine line : lines(file)) {
                    DecodeResult r = BinanceLineParser.parse(line);
                    if (r.kind() == DecodeResult.Kind.TRADE) {
                        producer.send(r.trade());
                    } else {
                        producer.sendRaw("usdm:TESTUSDT", line.text, 1704067200000L);
                        expected.add("decode malformed kafka:" + trades + "/0@" + offset);
                    }
                    offset++;
                }
            }
            producer.sendRaw("usdm:TESTUSDT", "", 1704067262000L);
            expected.add("decode empty-value kafka:" + trades + "/0@" + offset++);
            producer.sendRaw("usdm:TESTUSDT", "{\"symbol\":\"TESTUSDT\",\"market\":\"USDM\"}", 1704067262000L);
            expected.add("decode missing-field kafka:" + trades + "/0@" + offset++);
            producer.sendRaw("usdm:TESTUSDT", "{\"symbol\":\"TESTUSDT\",\"market\":\"USDM\",\"aggTradeId\":111,"
                    + "\"firstTradeId\":1017,\"lastTradeId\":1017,\"price\":\"cheap\",\"quantity\":1,"
                    + "\"tradeTime\":1704067262000,\"buyerIsMaker\":true}", 1704067262000L);
            expected.add("decode bad-value kafka:" + trades + "/0@" + offset++);
        }
        for (String gap : GAPS) {
            expected.add("klines trade-gap USDM:TESTUSDT");
        }

        new MarketDataJob(config, KafkaInput.trades(config, MarketDataJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(),
                KafkaSinks.of(config, MarketDataJob.NAME)).execute();

        List<String> letters = dump(config.kafka.topics.deadLetters.name);
        assertThat(deadLetters(letters)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(letters).filteredOn(l -> l.contains("\"trade-gap\"")).extracting(l -> detail(l))
                .containsExactlyInAnyOrderElementsOf(GAPS);
        Path klines = work.resolve("kafka-klines");
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), config.kafka.topics.klines.name);
        TopicDump.klines(KAFKA.bootstrapServers(), config.kafka.topics.klines.name, klines);
        assertGoodTradesInKlines(Files.readAllLines(klines.resolve("TESTUSDT-1m.csv")));
    }

    private static JobConfig config(String name) {
        JobConfig config = new JobConfig();
        config.name = "dead-letters-" + name;
        config.parallelism = 1;
        config.input.market = "usdm";
        config.input.symbols = List.of("TESTUSDT");
        return config;
    }

    /** The good rows 2, 12 and 14: 2 + 1 raw trades in minute 0, 2 in minute 1, exact volumes. */
    private static void assertGoodTradesInKlines(List<String> csv) {
        assertThat(csv).hasSize(3); // header, 00:00, 00:01
        String[] first = csv.get(1).split(",");
        String[] second = csv.get(2).split(",");
        assertThat(first[8]).isEqualTo("3");
        assertThat(first[5]).isEqualTo("0.625");                        // 0.500 + 0.125
        assertThat(first[2]).isEqualTo("42000.123456789012345678901");  // high, every digit
        assertThat(second[8]).isEqualTo("2");
        assertThat(second[5]).isEqualTo("1.000");
    }

    private static List<String> deadLetters(List<String> jsonLines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> letters = new ArrayList<>();
        for (String line : jsonLines) {
            JsonNode d = json.readTree(line);
            assertThat(d.path("detail").asText()).as(line).isNotBlank();
            letters.add(d.path("stage").asText() + " " + d.path("reason").asText() + " "
                    + d.path("origin").asText());
        }
        return letters;
    }

    private static String detail(String jsonLine) {
        try {
            return new ObjectMapper().readTree(jsonLine).path("detail").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RawLine> lines(Path file) throws IOException {
        List<RawLine> lines = new ArrayList<>();
        try (BinanceFileReader reader = BinanceFileReader.open(new InputFile(file.toString(),
                RecordFormat.AGG_TRADES_CSV, file.getFileName().toString().split("-")[0], Market.USDM, null))) {
            reader.forEachRemaining(lines::add);
        }
        return lines;
    }

    /** The values of {@code topic}, read {@code read_committed}. */
    private static List<String> dump(String topic) throws IOException {
        Path dir = work.resolve("dump-" + topic);
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), topic);
        TopicDump.jsonLines(KAFKA.bootstrapServers(), topic, dir);
        return Files.readAllLines(dir.resolve(topic + ".jsonl"));
    }
}
