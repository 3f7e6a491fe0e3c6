package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.replay.TopicTrades;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Instrument;
import io.quantstream.model.TargetPosition;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state inspect} on the savepoint of a known run: {@code bin/quantstream live} replays the
 * BTCUSDT and ETHUSDT captures through {@code PipelineJob} ({@code config/kafka-jobs.yaml}) and
 * drains it with a savepoint at the end, with a factor of the example plug-in ({@code kama(5)};
 * both commands take {@code --plugin JAR}). The state printed is what that run must hold: per
 * instrument the highest trade id on the trades topic, the last 1m bar of its kline output and no
 * open bar (the drain closed them); per factor key the values of its last line on the factors
 * output; per instrument the portfolio's last close and last target.
 */
class StateInspectCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String CONFIG = "../config/kafka-jobs.yaml";
    /** The config's factors and a plug-in's ({@code kama}, the example plug-in's jar). */
    private static final String FACTORS = "ema(12),rsi(14),log_return(5),taker_buy_ratio,kama(5)";
    private static final List<String> TOPICS = List.of("trades", "tradeGaps", "klines", "factors",
            "crossSections", "targetPositions", "targetDeltas", "control", "controlActions",
            "deadLetters");
    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    @TempDir static Path work;
    private static Path out;
    private static Path savepoint;
    /** operator → key → state → [value, detail]. */
    private static Map<String, Map<String, Map<String, String[]>>> state;

    @BeforeAll
    static void runTheCapturesThroughPipelineJobThenInspectItsSavepoint() throws IOException {
        out = work.resolve("out");
        Path pluginJar = ExamplePluginJar.write(work.resolve("example-plugin.jar"));
        List<String> args = new ArrayList<>(List.of("live", "--config", CONFIG,
                "--replay", SharedData.require("binance/ws/usdm").toString(), "--speed", "max",
                "--exit-when-done", "--no-web-ui", "--state", work.resolve("state").toString(),
                "--dir", work.resolve("kafka").toString(), "--output", out.toString(),
                "--name", "inspect", "--kafka.bootstrapServers", KAFKA.bootstrapServers(),
                "--flink.execution.checkpointing.interval", "1s", "--factors", FACTORS,
                "--plugin", pluginJar.toString()));
        for (String topic : TOPICS) {
            args.addAll(List.of("--kafka.topics." + topic + ".name", "inspect-" + topic,
                    "--kafka.topics." + topic + ".configs.segment.ms", "3153600000000"));
        }
        CliRun live = CliRun.run(args.toArray(String[]::new));
        assertThat(live.exitCode()).as(live.out() + live.err()).isZero();
        try (Stream<Path> files = Files.find(work.resolve("state/savepoints"), 2,
                (p, a) -> p.getFileName().toString().equals("_metadata"))) {
            savepoint = files.findFirst().orElseThrow().getParent();
        }
        CliRun inspect = CliRun.run("state", "inspect", savepoint.toString(), "--job", "pipeline",
                "--config", CONFIG, "--factors", FACTORS, "--plugin", pluginJar.toString(),
                "--format", "csv");
        assertThat(inspect.exitCode()).as(inspect.out() + inspect.err()).isZero();
        state = parse(inspect.out());
    }

    @Test
    void eachInstrumentsLastTradeIdAndLastBarAreThoseOfTheRunAndNoBarIsOpenAfterTheDrain()
            throws IOException {
        Map<String, Long> lastIds = new LinkedHashMap<>();
        for (TopicTrades.Published p : TopicTrades.read(KAFKA.bootstrapServers(), "inspect-trades")) {
            lastIds.merge(Instrument.key(p.trade().market, p.trade().symbol), p.trade().lastTradeId,
                    Math::max);
        }
        assertThat(lastIds).containsOnlyKeys("USDM:BTCUSDT", "USDM:ETHUSDT");
        Map<String, Map<String, String[]>> aggregator = state.get("kline-aggregate-1m");
        Map<String, Map<String, String[]>> rollUp = state.get("kline-rollup");
        assertThat(aggregator).containsOnlyKeys(lastIds.keySet());
        for (Map.Entry<String, Long> instrument : lastIds.entrySet()) {
            String[] lastBar = lastLine(out.resolve(instrument.getKey().substring(5) + "-1m.csv"));
            String openTime = Instant.ofEpochMilli(Long.parseLong(lastBar[0])).toString();
            Map<String, String[]> cursor = aggregator.get(instrument.getKey());
            assertThat(cursor.get("last-trade-id")[0]).isEqualTo(instrument.getValue().toString());
            assertThat(cursor.get("last-bar")).containsExactly(openTime,
                    "close " + new BigDecimal(lastBar[4]).toPlainString());
            assertThat(cursor).doesNotContainKey("open-bar 1m");
            assertThat(rollUp.get(instrument.getKey()).get("last-minute")[0]).isEqualTo(openTime);
            assertThat(rollUp.get(instrument.getKey()).keySet()).noneMatch(s -> s.startsWith("open-bar"));
        }
    }

    @Test
    void eachKeysFactorValuesAreTheLastLineOfItsFactorsOutputAndItsWarmUpItsBars() throws IOException {
        Map<String, FactorVector> last = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("factors.jsonl"))) {
            FactorVector v = JSON.readValue(line, FactorVector.class);
            String key = Instrument.key(v.market, v.symbol) + ":" + v.interval;
            if (!last.containsKey(key) || last.get(key).openTime < v.openTime) {
                last.put(key, v);
            }
        }
        Map<String, Map<String, String[]>> factors = state.get("factors");
        assertThat(factors).containsOnlyKeys("USDM:BTCUSDT:1m", "USDM:ETHUSDT:1m");
        for (Map.Entry<String, FactorVector> key : last.entrySet()) {
            FactorVector v = key.getValue();
            Map<String, String[]> rows = factors.get(key.getKey());
            assertThat(rows.get("last-bar")[0]).isEqualTo(Instant.ofEpochMilli(v.openTime).toString());
            assertThat(v.names).containsExactly("ema_12", "rsi_14", "log_return_5", "taker_buy_ratio",
                    "kama_5");
            for (int f = 0; f < v.names.length; f++) {
                String[] row = rows.get(v.names[f]);
                // NaN on a bar without volume (taker_buy_ratio): equal as Double, not as double
                assertThat(Double.valueOf(row[0])).as(key.getKey() + " " + v.names[f])
                        .isEqualTo(Double.valueOf(v.values[f]));
            }
            // every 1m bar of the instrument went through the factors (the captures span minutes)
            long bars = Files.readAllLines(out.resolve(v.symbol + "-1m.csv")).size() - 1;
            long[] warmUps = {12, 15, 6, 1, 6};
            for (int f = 0; f < warmUps.length; f++) {
                assertThat(rows.get(v.names[f])[1]).as(key.getKey() + " " + v.names[f])
                        .isEqualTo("warm-up " + Math.min(bars, warmUps[f]) + "/" + warmUps[f]);
            }
        }
    }

    @Test
    void thePortfoliosLastClosesAndTargetsAreThoseOfTheRunsLastDecision() throws IOException {
        Map<String, TargetPosition> lastTargets = new LinkedHashMap<>();
        long lastDecision = Long.MIN_VALUE;
        for (String line : Files.readAllLines(out.resolve("target-positions.jsonl"))) {
            TargetPosition t = JSON.readValue(line, TargetPosition.class);
            lastTargets.merge(Instrument.key(t.market, t.symbol), t, (a, b) -> b.time >= a.time ? b : a);
            lastDecision = Math.max(lastDecision, t.time);
        }
        Map<String, Map<String, String[]>> portfolio = state.get("portfolio-majors-1m-reversal");
        assertThat(portfolio.get("majors-1m-reversal").get("last-decision")[0])
                .isEqualTo(Instant.ofEpochMilli(lastDecision).toString());
        for (Map.Entry<String, TargetPosition> target : lastTargets.entrySet()) {
            Map<String, String[]> rows = portfolio.get("majors-1m-reversal " + target.getKey());
            assertThat(new BigDecimal(rows.get("last-target")[0]))
                    .isEqualByComparingTo(target.getValue().quantity);
            String[] lastBar = lastLine(out.resolve(target.getKey().substring(5) + "-1m.csv"));
            assertThat(new BigDecimal(rows.get("last-close")[0]))
                    .isEqualByComparingTo(new BigDecimal(lastBar[4]));
        }
    }

    @Test
    void aMissingSavepointAnUnknownJobOrOperatorExitWithTheReason() {
        CliRun missing = CliRun.run("state", "inspect", work.resolve("nothing").toString(),
                "--job", "pipeline", "--config", CONFIG);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such savepoint: " + work.resolve("nothing"));

        CliRun notSavepoint = CliRun.run("state", "inspect", out.toString(), "--job", "pipeline",
                "--config", CONFIG);
        assertThat(notSavepoint.exitCode()).isEqualTo(1);
        assertThat(notSavepoint.err()).contains("not a savepoint or checkpoint (no _metadata in it)");

        CliRun job = CliRun.run("state", "inspect", savepoint.toString(), "--job", "klines",
                "--config", CONFIG);
        assertThat(job.exitCode()).isEqualTo(1);
        assertThat(job.err()).contains("--job: unknown job 'klines' (expected one of market-data,"
                + " factors, strategy, pipeline, file)");

        CliRun uid = CliRun.run("state", "inspect", savepoint.toString(), "--job", "factors",
                "--operator", "kline-rollup", "--config", CONFIG);
        assertThat(uid.exitCode()).isEqualTo(1);
        assertThat(uid.err()).contains("--operator: job factors has no operator 'kline-rollup'"
                + " with keyed state (its operators: factors)");
    }

    private static String[] lastLine(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.get(lines.size() - 1).split(",");
    }

    private static Map<String, Map<String, Map<String, String[]>>> parse(String csv) throws IOException {
        Map<String, Map<String, Map<String, String[]>>> parsed = new LinkedHashMap<>();
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            while (rows.hasNext()) {
                Map<String, String> r = rows.next();
                parsed.computeIfAbsent(r.get("operator"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.get("key"), k -> new LinkedHashMap<>())
                        .put(r.get("state"), new String[] {r.get("value"), r.get("detail")});
            }
        }
        return parsed;
    }
}
