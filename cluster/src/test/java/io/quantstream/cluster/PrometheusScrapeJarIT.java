package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.DecodedFiles;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monitoring in {@code monitoring/} works against the real thing: a standalone cluster (the
 * Flink home with the Prometheus reporter plugin) runs {@code PipelineJob} submitted with
 * {@code flink run -d} ({@link PipelineOnCluster}) on the USD-M BTCUSDT and ETHUSDT captures
 * replayed onto a real broker's {@code trades} topic, and four bad records; a real Prometheus
 * server scrapes the
 * JobManager and the TaskManager. Every PromQL expression of the Grafana dashboard, and every alert
 * rule's expression without its threshold, then returns data from that server; the dead-letter
 * counters and per-instrument trade times are the values the input implies. Logs in
 * {@code target/prometheus-scrape-it/}.
 */
class PrometheusScrapeJarIT {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Path DIR = Paths.get("target", "prometheus-scrape-it").toAbsolutePath();
    private static final Path MONITORING = Paths.get(System.getProperty("quantstream.monitoringDir"));
    private static final Pattern REPORTER_PORT =
            Pattern.compile("Started PrometheusReporter HTTP server on port (\\d+)");
    /** A trailing comparison with a number: the threshold that makes a series an alert. */
    private static final Pattern THRESHOLD =
            Pattern.compile("^(.*\\S)\\s*(>=|<=|==|!=|>|<)\\s*[0-9][0-9.eE+]*\\s*$", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static StandaloneCluster cluster;
    private static PipelineOnCluster pipeline;
    private static String job;
    private static PrometheusServer prometheus;
    /** Latest trade time (epoch ms) per instrument key of the input, {@code USDM:BTCUSDT}. */
    private static final Map<String, Long> lastTradeTimes = new TreeMap<>();

    @BeforeAll
    static void runPipelineJobScrapedByPrometheus() throws Exception {
        PrometheusServer.binary("prometheus");
        deleteRecursively(DIR);
        cluster = StandaloneCluster.start(DIR.resolve("cluster"));
        pipeline = new PipelineOnCluster(cluster, KAFKA, DIR, "metrics");
        pipeline.replay(Long.MAX_VALUE);
        List<Trade> trades = DecodedFiles.of(BinanceFiles.discover(
                List.of(SharedData.require(PipelineOnCluster.CAPTURES)), Market.USDM, null)).trades;
        produceBadRecords(trades.get(100));
        for (Trade trade : trades) {
            lastTradeTimes.merge(Instrument.key(trade.market, trade.symbol), trade.tradeTime, Math::max);
        }
        job = pipeline.submit(pipeline.config("pipeline", PipelineOnCluster.FACTORS));
        prometheus = PrometheusServer.start(prometheusConfig(reporterPorts()), DIR.resolve("prometheus"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (job != null) {
            pipeline.cancel(job);
        }
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void everyDashboardExpressionReturnsData() throws Exception {
        JsonNode dashboard = JSON.readTree(MONITORING.resolve("grafana/quantstream.json").toFile());
        Map<String, String> expressions = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.path("type").asText().equals("row")) {
                rows.add(panel.get("title").asText());
            }
            for (JsonNode target : panel.path("targets")) {
                expressions.put(panel.get("title").asText() + " / " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        assertThat(rows).containsExactly("Ingest health", "Market data", "Factors",
                "Strategy and targets", "Checkpoints");
        assertThat(withoutData(expressions)).as("panels whose expression returns nothing").isEmpty();
    }

    @Test
    void everyAlertRuleLoadsAndItsSeriesWithoutTheThresholdReturnsData() throws Exception {
        JsonNode file = YAML.readTree(MONITORING.resolve("prometheus/alerts.yml").toFile());
        Map<String, String> series = new LinkedHashMap<>();
        for (JsonNode group : file.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                String expr = rule.get("expr").asText();
                Matcher threshold = THRESHOLD.matcher(expr);
                assertThat(threshold.matches()).as("%s ends in a threshold: %s",
                        rule.get("alert").asText(), expr).isTrue();
                series.put(rule.get("alert").asText(), threshold.group(1));
            }
        }
        assertThat(series).containsKeys("NoTradesForInstrument", "TradeGaps", "DeadLetterRate",
                "CheckpointFailures", "ConsumerLag");
        assertThat(withoutData(series)).as("alert rules whose series returns nothing").isEmpty();

        Map<String, String> health = new TreeMap<>();
        for (JsonNode group : prometheus.ruleGroups()) {
            for (JsonNode rule : group.get("rules")) {
                health.put(rule.get("name").asText(), rule.get("health").asText());
            }
        }
        assertThat(health.keySet()).as("rules Prometheus loaded").isEqualTo(series.keySet()
                .stream().collect(Collectors.toCollection(TreeSet::new)));
        assertThat(health).as("rule health after evaluation").allSatisfy((rule, h) ->
                assertThat(h).as(rule).isEqualTo("ok"));
    }

    @Test
    void promtoolAcceptsTheAlertRulesAndTheScrapeConfig() throws Exception {
        Path promtool = PrometheusServer.binary("promtool");
        Path out = DIR.resolve("promtool.out");
        for (List<String> check : List.of(
                List.of("check", "rules", MONITORING.resolve("prometheus/alerts.yml").toString()),
                List.of("check", "config", MONITORING.resolve("prometheus/prometheus.yml").toString()))) {
            List<String> command = new ArrayList<>(List.of(promtool.toString()));
            command.addAll(check);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("promtool %s; see %s", check, out).isZero();
        }
    }

    @Test
    void deadLettersAreCountedByStageAndReasonOncePerBadRecord() throws Exception {
        String query = "sum by (stage, reason) (flink_taskmanager_job_task_operator_stage_reason_deadLetters)";
        // the reporter writes label values with every character outside [a-zA-Z0-9:_] as "_":
        // reason bad-value is bad_value
        Map<String, Double> expected = Map.of("decode/malformed", 1.0, "decode/bad_value", 1.0,
                "validate/unknown_symbol", 1.0, "validate/non_positive_price", 1.0);
        Map<String, Double> counts = awaitValues(query, r -> r.get("stage").asText() + "/"
                + r.get("reason").asText(), expected);
        assertThat(counts).isEqualTo(expected);
    }

    @Test
    void lastTradeTimePerInstrumentIsTheInstrumentsLatestTradeInTheTopic() throws Exception {
        Map<String, Double> expected = new TreeMap<>();
        lastTradeTimes.forEach((instrument, time) -> expected.put(instrument, time.doubleValue()));
        Map<String, Double> scraped = awaitValues(
                "max by (instrument) (flink_taskmanager_job_task_operator_instrument_lastTradeTime)",
                r -> r.get("instrument").asText(), expected);
        assertThat(scraped).isEqualTo(expected);
    }

    /** Waits (up to 3 min) until every expression returns a sample; returns those that never do. */
    private static Map<String, String> withoutData(Map<String, String> expressions) throws Exception {
        Map<String, String> empty = new LinkedHashMap<>(expressions);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!empty.isEmpty() && System.nanoTime() < deadline) {
            for (var it = empty.entrySet().iterator(); it.hasNext(); ) {
                if (!prometheus.query(it.next().getValue()).isEmpty()) {
                    it.remove();
                }
            }
            if (!empty.isEmpty()) {
                Thread.sleep(2000);
            }
        }
        if (!empty.isEmpty()) {
            dumpMetricNames();
        }
        return empty;
    }

    /** The query's samples by {@code key}, once they equal {@code expected} or after 3 min. */
    private static Map<String, Double> awaitValues(String query,
            Function<JsonNode, String> key, Map<String, Double> expected)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Map<String, Double> values = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            values.clear();
            for (JsonNode sample : prometheus.query(query)) {
                values.put(key.apply(sample.get("metric")), sample.get("value").get(1).asDouble());
            }
            if (values.equals(expected)) {
                break;
            }
            Thread.sleep(2000);
        }
        return values;
    }

    /** Every metric name Prometheus has, in {@code metric-names.txt}: what a broken panel could use. */
    private static void dumpMetricNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode name : prometheus.query("count by (__name__) ({__name__=~\"flink_.+\"})")) {
            names.add(name.get("metric").get("__name__").asText());
        }
        names.sort(null);
        Files.write(DIR.resolve("metric-names.txt"), names);
    }

    /** Ports the cluster's reporters serve on, from their logs (each takes the first free one). */
    private static List<Integer> reporterPorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        try (Stream<Path> logs = Files.list(cluster.logDir())) {
            for (Path log : (Iterable<Path>) logs.filter(p -> p.toString().endsWith(".log"))::iterator) {
                Matcher m = REPORTER_PORT.matcher(Files.readString(log));
                while (m.find()) {
                    ports.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(ports).as("a reporter in the JobManager and in the TaskManager; logs in %s",
                cluster.logDir()).hasSizeGreaterThanOrEqualTo(2);
        return ports;
    }

    /**
     * The repository's {@code prometheus.yml} with this cluster's reporter ports as targets, its
     * {@code alerts.yml}, and scrapes and rule evaluations every second.
     */
    private static Path prometheusConfig(List<Integer> ports) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(MONITORING.resolve("prometheus/prometheus.yml").toFile());
        ObjectNode global = (ObjectNode) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        config.putArray("rule_files").add(MONITORING.resolve("prometheus/alerts.yml").toString());
        ArrayNode targets = ((ObjectNode) config.get("scrape_configs").get(0).get("static_configs").get(0))
                .putArray("targets");
        ports.forEach(p -> targets.add("localhost:" + p));
        Path file = DIR.resolve("prometheus.yml");
        YAML.writeValue(file.toFile(), config);
        return file;
    }

    /**
     * Four bad records on the trades topic, under the key and with the time of a real trade:
     * cut-off JSON, a wrong type, an unknown symbol, a negative price.
     */
    private static void produceBadRecords(Trade sample) {
        Map<String, Object> properties = Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] bad : badRecords(sample)) {
                producer.send(new ProducerRecord<>(pipeline.topic("trades"), null, sample.tradeTime,
                        JsonRecords.TRADES.key(sample).getBytes(StandardCharsets.UTF_8), bad));
            }
        }
    }

    private static List<byte[]> badRecords(Trade sample) {
        String json = new String(JsonRecords.TRADES.value(sample), StandardCharsets.UTF_8);
        Trade unknown = JsonRecords.TRADES.decode(JsonRecords.TRADES.value(sample), "test", 0).value;
        unknown.symbol = "XYZUSDT";
        Trade negative = JsonRecords.TRADES.decode(JsonRecords.TRADES.value(sample), "test", 0).value;
        negative.price = new BigDecimal("-1.5");
        return List.of("{\"symbol\":\"BTCUSDT\",\"price\":".getBytes(StandardCharsets.UTF_8),
                json.replace("\"tradeTime\":" + sample.tradeTime, "\"tradeTime\":\"soon\"")
                        .getBytes(StandardCharsets.UTF_8),
                JsonRecords.TRADES.value(unknown), JsonRecords.TRADES.value(negative));
    }


    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
