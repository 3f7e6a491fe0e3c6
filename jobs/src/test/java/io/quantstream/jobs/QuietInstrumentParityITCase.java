package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.testing.MiniClusters;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md rule 2 with quiet instruments (issue 5, defect 1): BATCH and STREAMING give the same
 * klines, factors, cross-sections and target positions, and no dead letters, when instruments go
 * minutes without a trade, stop trading before the input ends, start trading late (missing from
 * the first bars of the cross-section) or miss bars in between. STREAMING runs three times with
 * RocksDB, 200 ms checkpoints and a 1 ms watermark interval, so watermarks pass quiet minutes
 * while other instruments trade — where empty bars used to arrive behind the watermark and be
 * dropped downstream as late.
 *
 * <p>Input, generated (ids contiguous per instrument, so no gap): one websocket capture of USD-M
 * {@code @aggTrade} messages holding two instruments — one source, as a Kafka partition would be,
 * so AAAUSDT's trades move the watermark past BBBUSDT's quiet minutes: AAAUSDT trades every few
 * seconds for six hours, BBBUSDT only in every third minute and not in the last 25 minutes; and
 * an archive aggTrades file of CCCUSDT, which starts after one hour; an archive file of DDDUSDT's
 * 1m klines without the minutes in {@link #DDD_HOLES}.
 */
class QuietInstrumentParityITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    /** 2026-03-01T00:00:00Z, epoch ms. */
    private static final long DAY = 1_772_323_200_000L;
    private static final long MINUTE = 60_000L;
    private static final long END = DAY + 6 * 60 * MINUTE;
    private static final List<String> UNIVERSE =
            List.of("AAAUSDT", "BBBUSDT", "CCCUSDT", "DDDUSDT");
    /** Minutes (since {@link #DAY}) that DDDUSDT's 1m kline file has no bar for. */
    private static final Set<Long> DDD_HOLES = Set.of(30L, 31L, 95L, 180L, 181L, 182L, 300L);

    @TempDir
    static Path data;

    @BeforeAll
    static void generateTrades() throws IOException {
        Random random = new Random(5);
        List<String[]> capture = new ArrayList<>();
        capture.addAll(trades("AAAUSDT", random, DAY, END, minute -> true));
        capture.addAll(trades("BBBUSDT", random, DAY, END - 25 * MINUTE, minute -> minute % 3 == 0));
        capture.sort(java.util.Comparator.comparingLong((String[] t) -> Long.parseLong(t[6])));
        Path ws = data.resolve("ws/usdm");
        Files.createDirectories(ws);
        try (Writer out = Files.newBufferedWriter(ws.resolve("pair_20260301.jsonl"))) {
            for (String[] t : capture) {
                out.write("{\"stream\":\"" + t[0].toLowerCase(java.util.Locale.ROOT)
                        + "@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + t[6]
                        + ",\"s\":\"" + t[0] + "\",\"a\":" + t[1] + ",\"p\":\"" + t[2]
                        + "\",\"q\":\"" + t[3] + "\",\"f\":" + t[4] + ",\"l\":" + t[5]
                        + ",\"T\":" + t[6] + ",\"m\":" + t[7] + "}}\n");
            }
        }
        Path archive = data.resolve("futures/um/daily/aggTrades/CCCUSDT");
        Files.createDirectories(archive);
        try (Writer out = Files.newBufferedWriter(
                archive.resolve("CCCUSDT-aggTrades-2026-03-01.csv"), StandardCharsets.UTF_8)) {
            out.write("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,"
                    + "is_buyer_maker\n");
            for (String[] t : trades("CCCUSDT", random, DAY + 60 * MINUTE, END, minute -> true)) {
                out.write(String.join(",", java.util.Arrays.copyOfRange(t, 1, 8)) + "\n");
            }
        }
        Path klines = data.resolve("futures/um/daily/klines/DDDUSDT/1m");
        Files.createDirectories(klines);
        try (Writer out = Files.newBufferedWriter(klines.resolve("DDDUSDT-1m-2026-03-01.csv"))) {
            BigDecimal close = new BigDecimal("20.000");
            for (long minute = 0; minute < 6 * 60; minute++) {
                BigDecimal open = close;
                close = open.add(BigDecimal.valueOf(random.nextInt(41) - 20, 3));
                if (DDD_HOLES.contains(minute)) {
                    continue;
                }
                long openTime = DAY + minute * MINUTE;
                BigDecimal high = open.max(close).add(new BigDecimal("0.005"));
                BigDecimal low = open.min(close).subtract(new BigDecimal("0.005"));
                out.write(openTime + "," + open + "," + high + "," + low + "," + close + ",10,"
                        + (openTime + MINUTE - 1) + "," + close.multiply(BigDecimal.TEN) + ",4,"
                        + (1 + random.nextInt(9)) + "," + close.multiply(BigDecimal.ONE) + ",0\n");
            }
        }
    }

    @Test
    void quietAndLateInstrumentsGiveIdenticalOutputsInBothModes(@TempDir Path work)
            throws Exception {
        Path batch = work.resolve("batch");
        FileJobRuns.run(config("batch", batch));
        List<String> files = names(batch);
        assertThat(files).contains("BBBUSDT-1m.csv", "CCCUSDT-5m.csv",
                FileSinks.CROSS_SECTIONS + ".jsonl", FileSinks.TARGET_POSITIONS + ".jsonl");
        assertThat(lines(batch, FileSinks.DEAD_LETTERS + ".jsonl")).isEmpty();
        List<String> bbb = Files.readAllLines(batch.resolve("BBBUSDT-1m.csv"));
        assertThat(bbb).as("every minute of the input's range, also after BBB's last trade")
                .hasSize(1 + 6 * 60);
        assertThat(bbb.get(bbb.size() - 1)).startsWith((END - MINUTE) + ",").contains(",0,0,0,0");
        assertThat(Files.readAllLines(batch.resolve("CCCUSDT-1m.csv"))).hasSize(1 + 5 * 60);
        assertEveryCrossSectionNamesTheWholeUniverse(batch);

        for (int run = 0; run < 3; run++) {
            Path streaming = work.resolve("streaming-" + run);
            JobConfig config = config("streaming", streaming);
            config.flink.put("state.backend.type", "rocksdb");
            config.flink.put("execution.checkpointing.interval", "200ms");
            config.flink.put("pipeline.auto-watermark-interval", "1ms");
            FileJobRuns.run(config);
            assertThat(names(streaming)).as("run " + run).containsExactlyElementsOf(files);
            for (String file : files) {
                assertThat(lines(streaming, file)).as("run %d: %s", run, file)
                        .isEqualTo(lines(batch, file));
            }
        }
    }

    /**
     * One cross-section per minute of the input; an instrument is missing only from the bars it
     * has none of (CCCUSDT's first hour, DDDUSDT's holes), never BBBUSDT while it is quiet; and
     * each cross-section gives every instrument of the universe a target (weight 0 and a reason
     * when unscored).
     */
    private static void assertEveryCrossSectionNamesTheWholeUniverse(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> sections = Files.readAllLines(out.resolve(FileSinks.CROSS_SECTIONS + ".jsonl"));
        assertThat(sections).hasSize(6 * 60);
        Map<Long, List<String>> targets = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve(FileSinks.TARGET_POSITIONS + ".jsonl"))) {
            JsonNode t = json.readTree(line);
            targets.computeIfAbsent(t.get("time").asLong(), k -> new ArrayList<>())
                    .add(t.get("symbol").asText() + (t.get("reason").isNull() ? ""
                            : " " + t.get("reason").asText()));
        }
        int quietBbb = 0;
        for (String line : sections) {
            JsonNode cs = json.readTree(line);
            long minute = (cs.get("openTime").asLong() - DAY) / MINUTE;
            List<String> expected = new ArrayList<>();
            if (minute < 60) {
                expected.add("USDM:CCCUSDT");
            }
            if (DDD_HOLES.contains(minute)) {
                expected.add("USDM:DDDUSDT");
            }
            List<String> missing = new ArrayList<>();
            cs.get("missing").forEach(m -> missing.add(m.asText()));
            assertThat(missing).as("missing at minute %d", minute).isEqualTo(expected);
            assertThat(cs.get("complete").asBoolean()).isEqualTo(expected.isEmpty());
            List<String> atBar = targets.get(cs.get("closeTime").asLong());
            assertThat(atBar).as("targets at minute %d", minute).extracting(t -> t.split(" ")[0])
                    .containsExactlyInAnyOrderElementsOf(UNIVERSE);
            if (atBar.contains("BBBUSDT factor-not-finite")) {
                quietBbb++; // taker_buy_ratio of an empty bar: reported, not scored
            }
            for (String m : missing) {
                assertThat(atBar).contains(m.substring(m.indexOf(':') + 1) + " not-reported");
            }
        }
        assertThat(quietBbb).as("BBBUSDT's quiet minutes").isGreaterThan(100);
        assertThat(targets).as("no targets but at cross-sections").hasSize(sections.size());
    }

    private static JobConfig config(String mode, Path out) {
        JobConfig config = new JobConfig();
        config.mode = mode;
        config.input.paths = new ArrayList<>(List.of(data.toString()));
        config.input.market = "usdm";
        config.output = out.toString();
        config.klines.intervals = List.of("1m", "5m");
        config.factors = "log_return(3),taker_buy_ratio,ema(5)";
        config.factorIntervals = List.of("1m");
        config.universe = new JobConfig.Universe();
        config.universe.name = "quiet";
        config.universe.symbols = UNIVERSE;
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1m";
        config.crossSection.maxWait = "0s";
        config.crossSection.weights = Map.of("log_return_3", -1.0, "taker_buy_ratio", 0.5);
        config.strategy = new JobConfig.Strategy();
        return config;
    }

    /**
     * An instrument's aggTrades, one every 1–20 s in the minutes (since {@link #DAY}) that
     * {@code trading} accepts: symbol, agg id, price, quantity, first id, last id, time, maker.
     */
    private static List<String[]> trades(String symbol, Random random, long from, long to,
            java.util.function.LongPredicate trading) {
        List<String[]> trades = new ArrayList<>();
        long id = 1_000;
        long tradeId = 50_000;
        BigDecimal price = new BigDecimal("100.00");
        for (long time = from; time < to; time += 1_000 + random.nextInt(19_000)) {
            if (!trading.test((time - DAY) / MINUTE)) {
                continue;
            }
            price = price.add(BigDecimal.valueOf(random.nextInt(21) - 10, 2));
            long last = tradeId + random.nextInt(3);
            trades.add(new String[] {symbol, String.valueOf(id++), price.toPlainString(),
                    "0." + (1 + random.nextInt(9)), String.valueOf(tradeId), String.valueOf(last),
                    String.valueOf(time), String.valueOf(random.nextBoolean())});
            tradeId = last + 1;
        }
        return trades;
    }

    /** A file's lines sorted (one sink, several upstream subtasks: keys may interleave). */
    private static List<String> lines(Path dir, String file) throws IOException {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.sort(null);
        return lines;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
