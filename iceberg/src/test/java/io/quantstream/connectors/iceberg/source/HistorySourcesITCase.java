package io.quantstream.connectors.iceberg.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.BinanceFileReader;
import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.connectors.iceberg.EmbeddedCatalog;
import io.quantstream.connectors.iceberg.load.ArchiveFiles;
import io.quantstream.connectors.iceberg.load.HistoryLoader;
import io.quantstream.connectors.iceberg.load.LoadListener;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history sources in a BATCH job over real archive files loaded with the history loader:
 * the rows of a range are the archive file's rows in it, decoded by the file reader (not from
 * the table), each with its event time as the record timestamp; trades (hand-written files) come
 * in id order per instrument.
 */
class HistorySourcesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @RegisterExtension final EmbeddedCatalog warehouse = new EmbeddedCatalog();

    private static final String KLINES =
            "binance/vision/futures/um/monthly/klines/DOTUSDT/1m/DOTUSDT-1m-2026-02.csv.gz";
    private static final String FUNDING =
            "binance/vision/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip";

    @BeforeEach
    void load() {
        new HistoryLoader(warehouse.catalog(), new LoadListener() {}).load(ArchiveFiles.discover(
                List.of(SharedData.require(KLINES), SharedData.require(FUNDING)), null).files());
    }

    @Test
    void theBarsOfARangeAreTheFilesBarsOpeningInItAndClosingBeforeItsEnd() throws Exception {
        long from = millis("2026-02-10T00:00:00Z");
        long to = millis("2026-02-11T05:30:00Z");
        HistoryRange range = new HistoryRange(List.of(new Instrument(Market.USDM, "DOTUSDT"),
                new Instrument(Market.SPOT, "DOTUSDT")), from, to);

        List<Kline> read = collect(HistorySources.oneMinuteKlines(env(), warehouse.spec(), range),
                k -> k.closeTime);
        read.sort(Comparator.comparingLong(k -> k.openTime));

        List<Kline> expected = new ArrayList<>();
        for (DecodeResult row : rows(KLINES, RecordFormat.KLINES_CSV, "DOTUSDT", "1m")) {
            if (row.kind() == DecodeResult.Kind.KLINE && row.kline().openTime >= from
                    && row.kline().closeTime < to) {
                expected.add(row.kline());
            }
        }
        assertThat(expected).hasSize(29 * 60 + 30);
        assertThat(read).isEqualTo(expected); // Kline.equals: every field, decimals by value
        assertThat(HistoryCoverage.of(warehouse.catalog(), range).missing())
                .containsExactly(new Instrument(Market.SPOT, "DOTUSDT"));
    }

    @Test
    void coverageSaysWhetherEveryMinuteHasItsBar(@TempDir Path dir) throws IOException {
        // 00:00, 00:01, 00:03 of 2026-02-01: 00:02 is missing
        Path gap = Files.writeString(dir.resolve("GAPUSDT-1m-2026-02.csv"), String.join("\n",
                "1769904000000,1.0,1.0,1.0,1.0,1,1769904059999,1,1,0,0,0",
                "1769904060000,1.0,1.0,1.0,1.0,1,1769904119999,1,1,0,0,0",
                "1769904180000,1.0,1.0,1.0,1.0,1,1769904239999,1,1,0,0,0") + "\n");
        new HistoryLoader(warehouse.catalog(), new LoadListener() {}).load(
                ArchiveFiles.discover(List.of(gap), Market.USDM).files());
        Instrument dot = new Instrument(Market.USDM, "DOTUSDT");
        Instrument gapped = new Instrument(Market.USDM, "GAPUSDT");

        HistoryCoverage complete = HistoryCoverage.of(warehouse.catalog(),
                new HistoryRange(List.of(dot), Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(complete.spans().get(dot)).isEqualTo(new HistoryCoverage.Span(
                millis("2026-02-01T00:00:00Z"), millis("2026-03-01T00:00:00Z") - 1, true));
        assertThat(complete.everyMinute(3_600_000L)).isTrue();

        HistoryCoverage withGap = HistoryCoverage.of(warehouse.catalog(),
                new HistoryRange(List.of(dot, gapped), Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(withGap.spans().get(gapped).everyMinute()).isFalse();
        assertThat(withGap.everyMinute(3_600_000L)).isFalse();
    }

    @Test
    void theFundingRatesOfARangeAreTheFilesRatesInIt() throws Exception {
        long from = millis("2026-04-03T00:00:00Z");
        long to = millis("2026-04-10T08:00:00Z");
        HistoryRange range = new HistoryRange(List.of(new Instrument(Market.USDM, "BTCUSDT")), from, to);

        List<FundingRate> read = collect(HistorySources.fundingRates(env(), warehouse.spec(), range),
                f -> f.calcTime);
        read.sort(Comparator.comparingLong(f -> f.calcTime));

        List<String> expected = new ArrayList<>();
        for (DecodeResult row : rows(FUNDING, RecordFormat.FUNDING_RATE_CSV, "BTCUSDT", null)) {
            if (row.kind() == DecodeResult.Kind.FUNDING_RATE && row.fundingRate().calcTime >= from
                    && row.fundingRate().calcTime < to) {
                expected.add(text(row.fundingRate()));
            }
        }
        assertThat(expected).hasSize(7 * 3 + 1);
        assertThat(read.stream().map(HistorySourcesITCase::text).toList()).isEqualTo(expected);
        assertThat(HistoryCoverage.of(warehouse.catalog(), range).fundingInFirstMinutes())
                .as("Binance's funding times are a few ms after the hour").isTrue();
    }

    @Test
    void theTradesOfARangeAreReadInIdOrderPerInstrumentWhicheverFileWasLoadedFirst(@TempDir Path dir)
            throws Exception {
        // XUSDT's 2026-02-02 file is committed before its 2026-02-01 file, YUSDT's in between
        long day1 = millis("2026-02-01T00:00:00Z");
        long day2 = millis("2026-02-02T00:00:00Z");
        Path x2 = trades(dir, "XUSDT", "2026-02-02", 11, day2 + 500);
        Path y1 = trades(dir, "YUSDT", "2026-02-01", 5, day1 + 90_000);
        Path x1 = trades(dir, "XUSDT", "2026-02-01", 1, day1 + 100);
        for (Path file : List.of(x2, y1, x1)) {
            new HistoryLoader(warehouse.catalog(), new LoadListener() {}).load(
                    ArchiveFiles.discover(List.of(file), Market.USDM).files());
        }
        Instrument x = new Instrument(Market.USDM, "XUSDT");
        Instrument y = new Instrument(Market.USDM, "YUSDT");
        Instrument z = new Instrument(Market.USDM, "ZUSDT");
        // the range leaves out XUSDT's last trade of 2026-02-02
        HistoryRange range = new HistoryRange(List.of(x, y), Long.MIN_VALUE, day2 + 500 + 9 * 1000);

        List<Trade> read = collect(HistorySources.trades(env(), warehouse.spec(), range),
                t -> t.tradeTime);

        assertThat(read.stream().filter(t -> t.symbol.equals("XUSDT")).map(t -> t.aggTradeId))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L,
                        16L, 17L, 18L, 19L);
        assertThat(read.stream().filter(t -> t.symbol.equals("YUSDT")).map(t -> t.aggTradeId))
                .containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
        Trade first = read.stream().filter(t -> t.symbol.equals("XUSDT")).findFirst().orElseThrow();
        assertThat(first.market).isEqualTo(Market.USDM);
        assertThat(first.firstTradeId).isEqualTo(101);
        assertThat(first.lastTradeId).isEqualTo(102);
        assertThat(first.price).isEqualByComparingTo("1.21");
        assertThat(first.quantity).isEqualByComparingTo("3.0");
        assertThat(first.tradeTime).isEqualTo(day1 + 100);
        assertThat(first.buyerIsMaker).isTrue();

        HistoryCoverage coverage = HistoryCoverage.ofTrades(warehouse.catalog(),
                new HistoryRange(List.of(x, y, z), Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(coverage.missing()).containsExactly(z);
        long lastMinuteClose = millis("2026-02-02T00:01:00Z") - 1; // XUSDT's last trade: 00:00:09.5
        assertThat(coverage.spans().get(x)).isEqualTo(new HistoryCoverage.Span(day1, lastMinuteClose, true));
        assertThat(coverage.spans().get(y))
                .isEqualTo(new HistoryCoverage.Span(day1 + 60_000, lastMinuteClose, true));
    }

    /**
     * A daily aggTrades file of {@code symbol}: 10 trades from id {@code firstId}, one a second
     * from {@code time}, each of two raw trades, the buyer the maker every other one.
     */
    private static Path trades(Path dir, String symbol, String day, long firstId, long time)
            throws IOException {
        StringBuilder csv = new StringBuilder(
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n");
        for (long id = firstId; id < firstId + 10; id++) {
            csv.append(id).append(",1.2").append(id % 10).append("00,3.0,").append(100 + 2 * id - 1)
                    .append(',').append(100 + 2 * id).append(',').append(time + (id - firstId) * 1000)
                    .append(',').append(id % 2 == 1).append('\n');
        }
        return Files.writeString(Files.createDirectories(dir.resolve(day))
                .resolve(symbol + "-aggTrades-" + day + ".csv"), csv);
    }

    private static String text(FundingRate f) {
        return f.market + ":" + f.symbol + " @" + f.calcTime + " " + f.fundingIntervalHours + "h "
                + f.lastFundingRate.stripTrailingZeros().toPlainString();
    }

    /** Every record, after checking that its timestamp is {@code eventTime}'s. */
    private static <T> List<T> collect(DataStream<T> stream, EventTime<T> eventTime) throws Exception {
        List<T> records = new ArrayList<>();
        DataStream<T> checked = stream.process(new ProcessFunction<T, T>() {
            @Override
            public void processElement(T value, Context ctx, Collector<T> out) {
                if (ctx.timestamp() == null || ctx.timestamp() != eventTime.of(value)) {
                    throw new IllegalStateException("timestamp " + ctx.timestamp() + " of " + value);
                }
                out.collect(value);
            }
        }, stream.getType());
        try (CloseableIterator<T> it = checked.executeAndCollect("history")) {
            it.forEachRemaining(records::add);
        }
        return records;
    }

    private interface EventTime<T> extends java.io.Serializable {
        long of(T record);
    }

    private static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    /** The rows of an archive file of USD-M {@code symbol}, as the Binance line reader decodes them. */
    private static List<DecodeResult> rows(String file, RecordFormat format, String symbol,
            String interval) throws IOException {
        List<DecodeResult> rows = new ArrayList<>();
        InputFile input = new InputFile(SharedData.require(file).toString(), format, symbol,
                Market.USDM, interval);
        try (BinanceFileReader reader = BinanceFileReader.open(input)) {
            reader.forEachRemaining(line -> rows.add(BinanceLineParser.parse(line)));
        }
        return rows;
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
