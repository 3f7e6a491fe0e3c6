package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.model.FactorVector;
import io.quantstream.model.TargetPosition;
import io.quantstream.testing.HandKama;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded job jar ({@code jobs/target/quantstream-jobs.jar}) in its own JVM against only
 * Flink's provided dependencies, as {@code bin/quantstream} and a cluster do: packaging mistakes
 * (a missing class, a lost service file) fail here. Runs after {@code package} (failsafe). The jobs
 * on Kafka run against a broker of this test JVM.
 */
class JobJarIT {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void klinesCommandFromTheJarMatchesOfficialKlines(@TempDir Path out) throws Exception {
        Path official = SharedData.require("binance/expected/BTCUSDT-1m-USDM-2024-07-18T2356.csv");
        run("io.quantstream.jobs.cli.QuantstreamCli", "klines",
                "--input", SharedData.require("binance/ws/usdm/btcusdt_20240718.gz").toString(),
                SharedData.require("binance/ws/usdm/btcusdt_20240719.gz").toString(),
                "--market", "usdm", "--interval", "1m,5m", "--output", out.toString(),
                "--no-web-ui");

        Map<Long, String[]> expected = KlineVerifier.rows(official);
        Map<Long, String[]> actual = KlineVerifier.rows(out.resolve("BTCUSDT-1m.csv"));
        for (long open = 1721347080000L; open <= 1721347440000L; open += 60_000) {
            assertThat(KlineVerifier.differences(expected.get(open), actual.get(open)))
                    .as("bar %d", open).isEmpty();
        }
        assertThat(out.resolve("BTCUSDT-5m.csv")).exists();
    }

    @Test
    void fileJobMainRunsTheWholePipelineFromAConfigFile(@TempDir Path out) throws Exception {
        SharedData.require("binance/vision/futures/um/monthly/klines/DOTUSDT/1m/DOTUSDT-1m-2026-02.csv.gz");
        Path config = Paths.get("../config/demo.yaml").toAbsolutePath();
        run("io.quantstream.jobs.FileJob", "--config", config.toString(),
                "--input.dataDir", SharedData.root().toString(), "--output", out.toString(),
                "--mode", "batch");

        List<String> targets = Files.readAllLines(out.resolve("target-positions.jsonl"));
        // 672 hourly bars in February, a target for each of the 7 symbols at every one; the first
        // 24 are all weight 0: log_return_24 needs 24 bars before the first score
        assertThat(targets).hasSize(7 * 672);
        assertThat(targets).filteredOn(t -> t.contains("\"reason\":\"factor-not-warm\""))
                .hasSize(7 * 24);
        assertThat(Files.readAllLines(out.resolve("dead-letters.jsonl"))).isEmpty();
    }

    /**
     * {@code config/plugin-example.yaml} names a factor and a strategy weighting of the example
     * plug-in jar: refused before the job starts without the jar (neither is in the job jar), run
     * with {@code --plugin JAR} (the tasks load the jar from {@code pipeline.classpaths}); its
     * factor values equal KAMA recomputed from scratch on the official 1h closes, and each hour's
     * targets are long the instrument furthest below its KAMA, short the one furthest above.
     */
    @Test
    void runCommandFromTheJarUsesThePluginJarNamedInTheConfig(@TempDir Path out) throws Exception {
        List<String> args = List.of("run",
                "--config", Paths.get("../config/plugin-example.yaml").toAbsolutePath().toString(),
                "--input.dataDir", SharedData.root().toString(), "--output", out.toString(),
                "--no-web-ui");
        Launch refused = launch("io.quantstream.jobs.cli.QuantstreamCli", args);
        assertThat(refused.exit()).as("output:%n%s", refused.output()).isNotZero();
        assertThat(refused.output())
                .contains("factors: unknown factor 'kama(10)'", "plug-ins: none on the class path")
                .contains("strategy.weighting: unknown weighting 'top_bottom(count=1)';"
                        + " weightings: dollar_neutral");

        List<String> withPlugin = new ArrayList<>(args);
        withPlugin.addAll(List.of("--plugin", System.getProperty("quantstream.examplePluginJar")));
        run("io.quantstream.jobs.cli.QuantstreamCli", withPlugin.toArray(String[]::new));

        List<String> symbols = List.of("DOTUSDT", "LINKUSDT", "LTCUSDT");
        Map<String, Map<Long, Double>> gaps = new TreeMap<>();
        for (String symbol : symbols) {
            TreeMap<Long, Double> kama = HandKama.hourlyFebruary2026(symbol, 10, 2, 30);
            Map<Long, FactorVector> vectors = new TreeMap<>();
            for (String line : Files.readAllLines(out.resolve("factors.jsonl"))) {
                FactorVector v = JsonLinesSink.mapper().readValue(line, FactorVector.class);
                if (v.symbol.equals(symbol)) {
                    vectors.put(v.openTime, v);
                }
            }
            assertThat(vectors).as(symbol + " hours").hasSize(672);
            assertThat(vectors.keySet()).as(symbol + ": warm from the 11th hour")
                    .containsAll(kama.keySet()).hasSize(kama.size() + 10);
            for (Map.Entry<Long, Double> hour : kama.entrySet()) {
                FactorVector v = vectors.get(hour.getKey());
                assertThat(v.value("kama_10")).as("%s %d", symbol, hour.getKey())
                        .isCloseTo(hour.getValue(), within(1e-9 * hour.getValue()));
                gaps.computeIfAbsent(symbol, s -> new TreeMap<>())
                        .put(hour.getKey(), v.close.doubleValue() / hour.getValue() - 1);
            }
        }
        Map<Long, Map<String, Double>> weights = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("target-positions.jsonl"))) {
            TargetPosition p = JsonLinesSink.mapper().readValue(line, TargetPosition.class);
            weights.computeIfAbsent(p.time + 1 - 3_600_000L, t -> new TreeMap<>())
                    .put(p.symbol, p.weight);
        }
        for (long hour : gaps.get("DOTUSDT").keySet()) {
            List<String> byGap = new ArrayList<>(symbols);
            byGap.sort(Comparator.comparingDouble(s -> gaps.get(s).get(hour)));
            assertThat(weights.get(hour)).as("targets at hour %d", hour).containsExactlyInAnyOrderEntriesOf(
                    Map.of(byGap.get(0), 0.5, byGap.get(1), 0.0, byGap.get(2), -0.5));
        }
        assertThat(Files.readAllLines(out.resolve("dead-letters.jsonl"))).isEmpty();
    }

    @Test
    void kafkaJobsFromTheJarChainedThroughTopicsWriteWhatThePipelineJobWrites(@TempDir Path out)
            throws Exception {
        String trades = "jar-trades";
        KAFKA.createTopics(new TopicSpec(trades, 2, CaptureTrades.TOPIC_CONFIGS));
        try (CaptureTrades.Producer producer = new CaptureTrades.Producer(KAFKA.bootstrapServers(), trades)) {
            CaptureTrades.read().forEach(producer::send);
        }
        run("io.quantstream.jobs.MarketDataJob", kafkaJobArgs("chain", trades));
        run("io.quantstream.jobs.FactorJob", kafkaJobArgs("chain", trades));
        run("io.quantstream.jobs.StrategyJob", kafkaJobArgs("chain", trades));
        run("io.quantstream.jobs.PipelineJob", kafkaJobArgs("pipeline", trades));

        for (String topic : List.of("klines", "factors", "cross-sections", "target-positions")) {
            List<String> chain = dump("jar-chain-" + topic, out);
            assertThat(chain).as(topic).isNotEmpty();
            assertThat(dump("jar-pipeline-" + topic, out)).as(topic).isEqualTo(chain);
        }
        assertThat(dump("jar-chain-dead-letters", out)).isEmpty();
        assertThat(dump("jar-pipeline-dead-letters", out)).isEmpty();
    }

    /**
     * {@code config/kafka-jobs.yaml} on the test's broker, bounded, its output topics and its
     * (empty) control topic named {@code jar-<run>-<topic>} (created here) and its trades read
     * from {@code trades}.
     */
    private static String[] kafkaJobArgs(String run, String trades) {
        List<String> args = new ArrayList<>(List.of(
                "--config", Paths.get("../config/kafka-jobs.yaml").toAbsolutePath().toString(),
                "--name", "jar-" + run, "--kafka.bootstrapServers", KAFKA.bootstrapServers(),
                "--kafka.bounded", "true", "--flink.execution.checkpointing.interval", "500ms",
                "--kafka.topics.trades.name", trades));
        Map<String, String> outputs = Map.of("klines", "klines", "factors", "factors",
                "crossSections", "cross-sections", "targetPositions", "target-positions",
                "targetDeltas", "target-deltas", "controlActions", "control-actions",
                "control", "control", "deadLetters", "dead-letters");
        outputs.forEach((key, topic) -> {
            String name = "jar-" + run + "-" + topic;
            KAFKA.createTopics(new TopicSpec(name, 2, CaptureTrades.TOPIC_CONFIGS));
            args.addAll(List.of("--kafka.topics." + key + ".name", name));
        });
        return args.toArray(String[]::new);
    }

    /** The values of {@code topic}, read {@code read_committed}, sorted. */
    private static List<String> dump(String topic, Path out) throws IOException {
        Path dir = out.resolve(topic);
        assertThat(TopicDump.jsonLines(KAFKA.bootstrapServers(), topic, dir).deadLetters()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(topic + ".jsonl")));
        lines.sort(null);
        return lines;
    }

    private static void run(String mainClass, String... args) throws IOException, InterruptedException {
        Launch launch = launch(mainClass, List.of(args));
        assertThat(launch.exit()).as("exit code; output:%n%s", launch.output()).isZero();
    }

    /** What a JVM running {@code mainClass} of the job jar printed, and its exit code. */
    private record Launch(int exit, String output) {}

    private static Launch launch(String mainClass, List<String> args)
            throws IOException, InterruptedException {
        String jar = System.getProperty("quantstream.jobJar");
        String flink = Files.readString(Paths.get(System.getProperty("quantstream.flinkClasspath"))).trim();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx2g");
        command.addAll(Arrays.asList(System.getProperty("quantstream.addOpens").trim().split("\\s+")));
        command.addAll(List.of("-cp", jar + ":" + flink, mainClass));
        command.addAll(args);
        Path log = Files.createTempFile("job-jar", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
        return new Launch(process.exitValue(), Files.readString(log));
    }
}
