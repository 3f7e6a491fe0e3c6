package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trade statistics columns of the kline CSVs, on the BTCUSDT USD-M websocket capture
 * (2024-07-18 23:57 → 00:05 UTC, 10,701 trades): every 1m bar (the 7 complete minutes 23:58 …
 * 00:04 and the partly captured first and last) equals a computation from the capture's raw
 * {@code @trade} messages here, and every 3m and 5m bar equals both the sum of its 1m rows and
 * the same computation over its whole interval. Trade sizes at thresholds 500 / 5,000 / 50,000
 * USDT, so every bucket has trades.
 */
class TradeStatsFromCaptureITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final long MINUTE = 60_000;
    private static final long FIRST_COMPLETE = 1721347080000L;
    private static final long LAST_COMPLETE = 1721347440000L;
    private static final BigDecimal[] THRESHOLDS =
            {new BigDecimal("500"), new BigDecimal("5000"), new BigDecimal("50000")};
    private static final String[] SUMMED = {"dollar_volume", "buy_volume", "sell_volume",
        "buy_dollar_volume", "sell_dollar_volume", "buy_count", "sell_count", "size1_count",
        "size1_volume", "size2_count", "size2_volume", "size3_count", "size3_volume", "size4_count",
        "size4_volume"};

    /** One market trade of the capture. */
    private record RawTrade(long time, BigDecimal price, BigDecimal quantity, boolean buyerIsMaker) {}

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "batch"})
    void barStatisticsEqualTheTradesAndRollUpExactly(String mode, @TempDir Path out) throws Exception {
        Path day1 = SharedData.require("binance/ws/usdm/btcusdt_20240718.gz");
        Path day2 = SharedData.require("binance/ws/usdm/btcusdt_20240719.gz");
        JobConfig config = new JobConfig();
        config.mode = mode;
        config.input.paths = List.of(day1.toString(), day2.toString());
        config.input.market = "usdm";
        config.klines.intervals = List.of("1m", "3m", "5m");
        config.klines.tradeSizes = Arrays.asList(THRESHOLDS);
        config.output = out.toString();
        FileJobRuns.run(config);

        List<RawTrade> trades = new ArrayList<>(marketTrades(day1));
        trades.addAll(marketTrades(day2));
        assertThat(trades).hasSize(10_701);

        Map<Long, Map<String, String>> minutes = rows(out.resolve("BTCUSDT-1m.csv"));
        for (long open = FIRST_COMPLETE; open <= LAST_COMPLETE; open += MINUTE) {
            assertThat(minutes).as("complete minute %d", open).containsKey(open);
        }
        assertThat(minutes).hasSize(9);
        long[] bucketsSeen = new long[4];
        for (Map.Entry<Long, Map<String, String>> bar : minutes.entrySet()) {
            Map<String, BigDecimal> expected = fromTrades(trades, bar.getKey(), MINUTE);
            assertSame(bar.getValue(), expected, "1m " + bar.getKey());
            for (int b = 0; b < 4; b++) {
                bucketsSeen[b] += expected.get("size" + (b + 1) + "_count").longValueExact();
            }
        }
        assertThat(Arrays.stream(bucketsSeen).min().getAsLong()).as("trades in the emptiest bucket").isPositive();

        for (String interval : List.of("3m", "5m")) {
            long millis = Long.parseLong(interval.substring(0, 1)) * MINUTE;
            Map<Long, Map<String, String>> bars = rows(out.resolve("BTCUSDT-" + interval + ".csv"));
            assertThat(bars).as(interval).hasSizeGreaterThanOrEqualTo(3);
            for (Map.Entry<Long, Map<String, String>> bar : bars.entrySet()) {
                long open = bar.getKey();
                assertSame(bar.getValue(), fromTrades(trades, open, millis), interval + " " + open);
                for (String column : SUMMED) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (long m = open; m < open + millis; m += MINUTE) {
                        if (minutes.containsKey(m)) {
                            sum = sum.add(new BigDecimal(minutes.get(m).get(column)));
                        }
                    }
                    assertThat(new BigDecimal(bar.getValue().get(column)))
                            .as("%s %d %s = sum of its minutes", interval, open, column)
                            .isEqualByComparingTo(sum);
                }
            }
        }
    }

    private static void assertSame(Map<String, String> row, Map<String, BigDecimal> expected,
            String bar) {
        for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
            String actual = row.get(e.getKey());
            assertThat(actual).as("%s %s", bar, e.getKey()).isNotEmpty();
            assertThat(new BigDecimal(actual)).as("%s %s", bar, e.getKey())
                    .isEqualByComparingTo(e.getValue());
        }
    }

    /** The statistics of the trades in {@code [open, open + millis)}, straight from their definition. */
    private static Map<String, BigDecimal> fromTrades(List<RawTrade> trades, long open, long millis) {
        Map<String, BigDecimal> s = new LinkedHashMap<>();
        for (String column : SUMMED) {
            s.put(column, BigDecimal.ZERO);
        }
        BigDecimal volume = BigDecimal.ZERO;
        for (RawTrade t : trades) {
            if (t.time < open || t.time >= open + millis) {
                continue;
            }
            BigDecimal notional = t.price.multiply(t.quantity);
            String side = t.buyerIsMaker ? "sell" : "buy";
            add(s, "dollar_volume", notional);
            add(s, side + "_volume", t.quantity);
            add(s, side + "_dollar_volume", notional);
            add(s, side + "_count", BigDecimal.ONE);
            int bucket = 1;
            for (BigDecimal threshold : THRESHOLDS) {
                if (notional.compareTo(threshold) >= 0) {
                    bucket++;
                }
            }
            add(s, "size" + bucket + "_count", BigDecimal.ONE);
            add(s, "size" + bucket + "_volume", t.quantity);
            volume = volume.add(t.quantity);
        }
        assertThat(volume.signum()).as("trades in %d", open).isPositive();
        s.put("vwap", s.get("dollar_volume").divide(volume, 10, RoundingMode.HALF_EVEN));
        return s;
    }

    private static void add(Map<String, BigDecimal> s, String column, BigDecimal value) {
        s.put(column, s.get(column).add(value));
    }

    /** {@code @trade} messages with {@code X = MARKET} (the others are not in klines). */
    private static List<RawTrade> marketTrades(Path capture) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<RawTrade> trades = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(capture)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode message = json.readTree(line.substring(line.indexOf(' ') + 1));
                JsonNode d = message.path("data");
                if (message.path("stream").asText().endsWith("@trade")
                        && "MARKET".equals(d.path("X").asText())) {
                    trades.add(new RawTrade(d.get("T").asLong(), new BigDecimal(d.get("p").asText()),
                            new BigDecimal(d.get("q").asText()), d.get("m").asBoolean()));
                }
            }
        }
        return trades;
    }

    /** A kline CSV's rows by open time, each as column name → cell. */
    private static Map<Long, Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        assertThat(header).hasSize(28);
        assertThat(Arrays.copyOf(header, 12)).containsExactly("open_time", "open", "high", "low",
                "close", "volume", "close_time", "quote_volume", "count", "taker_buy_volume",
                "taker_buy_quote_volume", "ignore");
        Map<Long, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(header.length);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.put(Long.parseLong(cells[0]), row);
        }
        return rows;
    }
}
