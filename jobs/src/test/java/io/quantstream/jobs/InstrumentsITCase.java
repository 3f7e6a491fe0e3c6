package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spot and USD-M BTCUSDT in one run are two instruments (issue 6 item 1). Input: the real BTCUSDT
 * websocket capture of 2024-07-18 23:57 → 00:05 UTC, linked into a {@code spot} and a
 * {@code usdm} folder (the market comes from the folder), so both instruments have the same trade
 * ids — which, keyed by symbol, were a second market's {@code market-mismatch} dead letters. Each
 * instrument's complete minutes must equal the official 1m klines, in
 * {@code DIR/spot/BTCUSDT-1m.csv} and {@code DIR/usdm/BTCUSDT-1m.csv}; the cross-section ranks
 * both and the strategy targets both.
 */
class InstrumentsITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final long FIRST_COMPLETE = 1721347080000L;
    private static final long LAST_COMPLETE = 1721347440000L;
    private static final List<String> CAPTURE = List.of("binance/ws/usdm/btcusdt_20240718.gz",
            "binance/ws/usdm/btcusdt_20240719.gz");

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "batch"})
    void spotAndUsdmBtcusdtAreTwoInstrumentsEachWithTheOfficialKlines(String mode,
            @TempDir Path data, @TempDir Path out) throws Exception {
        capture(data.resolve("spot"));
        capture(data.resolve("usdm"));
        JobConfig config = new JobConfig();
        config.mode = mode;
        config.input.paths = List.of(data.toString()); // no input.market: from the folders
        config.output = out.toString();
        config.klines.intervals = List.of("1m", "5m");
        config.factors = "log_return(1)";
        config.factorIntervals = List.of("1m");
        config.universe = new JobConfig.Universe();
        config.universe.name = "basis";
        config.universe.symbols = List.of("spot:BTCUSDT", "usdm:BTCUSDT");
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1m";
        config.crossSection.weights = Map.of("log_return_1", 1.0);
        config.strategy = new JobConfig.Strategy();
        FileJobRuns.run(config);

        assertThat(out.resolve("BTCUSDT-1m.csv")).as("a run of two markets: market folders")
                .doesNotExist();
        for (String market : List.of("spot", "usdm")) {
            assertOfficialMinutes(out.resolve(market).resolve("BTCUSDT-1m.csv"), market);
            assertThat(out.resolve(market).resolve("BTCUSDT-5m.csv")).exists();
        }
        assertThat(Files.readAllLines(out.resolve(FileSinks.DEAD_LETTERS + ".jsonl")))
                .as("no market-mismatch, duplicate or overlapping-ids").isEmpty();
        assertThat(Files.readAllLines(out.resolve(FileSinks.TRADE_GAPS + ".jsonl"))).isEmpty();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> sections = jsonLines(json, out.resolve(FileSinks.CROSS_SECTIONS + ".jsonl"));
        assertThat(sections).isNotEmpty().allSatisfy(cs -> {
            assertThat(cs.path("complete").asBoolean()).isTrue();
            List<String> ranked = new ArrayList<>();
            cs.path("scores").forEach(s -> ranked.add(instrument(s)));
            cs.path("unscored").forEach(s -> ranked.add(instrument(s)));
            assertThat(ranked).containsExactly("SPOT:BTCUSDT", "USDM:BTCUSDT");
        });
        Map<Long, TreeSet<String>> targets = new TreeMap<>();
        for (JsonNode p : jsonLines(json, out.resolve(FileSinks.TARGET_POSITIONS + ".jsonl"))) {
            targets.computeIfAbsent(p.path("time").asLong(), t -> new TreeSet<>()).add(instrument(p));
        }
        assertThat(targets).hasSameSizeAs(sections).allSatisfy((time, instruments) ->
                assertThat(instruments).containsExactly("SPOT:BTCUSDT", "USDM:BTCUSDT"));
    }

    @Test
    void aRunOverOneMarketKeepsTheFlatLayout(@TempDir Path data, @TempDir Path out)
            throws Exception {
        capture(data.resolve("usdm"));
        JobConfig config = new JobConfig();
        config.mode = "batch";
        config.input.paths = List.of(data.toString());
        config.output = out.toString();
        FileJobRuns.run(config);

        assertOfficialMinutes(out.resolve("BTCUSDT-1m.csv"), "usdm");
        assertThat(out.resolve("usdm")).doesNotExist();
    }

    /** The capture's two files, linked into {@code folder}. */
    private static void capture(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String file : CAPTURE) {
            Path real = SharedData.require(file);
            Files.createSymbolicLink(folder.resolve(real.getFileName()), real);
        }
    }

    /** The complete minutes 23:58 … 00:04 equal the official klines on every field. */
    private static void assertOfficialMinutes(Path file, String market) throws IOException {
        Map<Long, String[]> expected = KlineVerifier.rows(
                SharedData.require("binance/expected/BTCUSDT-1m-USDM-2024-07-18T2356.csv"));
        Map<Long, String[]> actual = KlineVerifier.rows(file);
        int compared = 0;
        for (long open = FIRST_COMPLETE; open <= LAST_COMPLETE; open += 60_000) {
            assertThat(actual).as("%s bar %d", market, open).containsKey(open);
            assertThat(KlineVerifier.differences(expected.get(open), actual.get(open)))
                    .as("%s bar %d", market, open).isEmpty();
            compared++;
        }
        assertThat(compared).isEqualTo(7);
    }

    private static String instrument(JsonNode record) {
        return record.path("market").asText() + ":" + record.path("symbol").asText();
    }

    private static List<JsonNode> jsonLines(ObjectMapper json, Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(json.readTree(line));
        }
        return records;
    }
}
