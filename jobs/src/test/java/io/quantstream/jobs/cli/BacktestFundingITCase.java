package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.Kline;
import io.quantstream.testing.RealKlines;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funding in {@code bin/quantstream backtest} at the mark price: the real 2026-02 1m klines of
 * DOTUSDT and LINKUSDT loaded with {@code load}, with funding rates every 8 hours of 2026-02-01
 * to 04 for both and a markPriceKlines day file of DOTUSDT for 2026-02-02 (made here: the real
 * bars' prices × 1.0007, so the mark differs from every traded price). Every payment is checked
 * against the files: one at every funding time with a position, the position = the run's fills
 * up to the funding time, the mark price = the mark-price file's open of the funding minute where
 * it has one, otherwise the archive's close of the minute before the funding time.
 */
class BacktestFundingITCase {

    private static final String KLINES = "binance/vision/futures/um/monthly/klines/%s/1m/%s-1m-2026-02.csv.gz";
    private static final BigDecimal MARK_PREMIUM = new BigDecimal("1.0007");
    /** 2026-02-01T00:00:00Z. */
    private static final long DAY_1 = 1_769_904_000_000L;
    /** 2026-02-02T00:00:00Z: the day of DOTUSDT's mark-price file. */
    private static final long DAY_2 = DAY_1 + 86_400_000L;
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** The archive's funding times are a few ms after the hour. */
    private static final long CALC_DELAY = 5;
    private static final Map<String, BigDecimal> RATES =
            Map.of("DOTUSDT", new BigDecimal("0.0001"), "LINKUSDT", new BigDecimal("-0.00025"));
    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    @TempDir static Path work;
    private static Path warehouse;
    /** Open and close of each minute, by symbol and open time: the archive's and DOTUSDT's mark. */
    private static final Map<String, Map<Long, Kline>> bars = new HashMap<>();
    private static final Map<Long, BigDecimal> dotMarkOpens = new HashMap<>();

    @BeforeAll
    static void loadKlinesFundingRatesAndDotsMarkPrices() throws IOException {
        warehouse = work.resolve("warehouse");
        Path data = work.resolve("data/futures/um");
        List<String> inputs = new ArrayList<>(List.of("load", "--input"));
        for (String symbol : RATES.keySet()) {
            Map<Long, Kline> bySymbol = new HashMap<>();
            RealKlines.february2026(symbol).forEach(k -> bySymbol.put(k.openTime, k));
            bars.put(symbol, bySymbol);
            inputs.add(SharedData.require(KLINES.formatted(symbol, symbol)).toString());

            Path rates = data.resolve("monthly/fundingRate/" + symbol + "/" + symbol + "-fundingRate-2026-02.csv");
            Files.createDirectories(rates.getParent());
            StringBuilder csv = new StringBuilder("calc_time,funding_interval_hours,last_funding_rate\n");
            for (long t = DAY_1; t < DAY_1 + 4 * DAY; t += 8 * HOUR) {
                csv.append(t + CALC_DELAY).append(",8,").append(RATES.get(symbol).toPlainString()).append('\n');
            }
            Files.writeString(rates, csv);
        }
        Path marks = data.resolve("daily/markPriceKlines/DOTUSDT/1m/DOTUSDT-1m-2026-02-02.csv");
        Files.createDirectories(marks.getParent());
        StringBuilder csv = new StringBuilder(
                "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
        for (long t = DAY_2; t < DAY_2 + DAY; t += 60_000) {
            Kline k = bars.get("DOTUSDT").get(t);
            BigDecimal open = mark(k.open);
            dotMarkOpens.put(t, open);
            csv.append(String.join(",", Long.toString(t), open.toPlainString(),
                    mark(k.high).toPlainString(), mark(k.low).toPlainString(),
                    mark(k.close).toPlainString(), "0", Long.toString(k.closeTime), "0", "60", "0", "0", "0"))
                    .append('\n');
        }
        Files.writeString(marks, csv);
        inputs.add(work.resolve("data").toString());
        inputs.addAll(List.of("--catalog.warehouse", warehouse.toString()));

        CliRun load = CliRun.run(inputs.toArray(String[]::new));
        assertThat(load.exitCode()).as(load.out() + load.err()).isZero();
        assertThat(load.out()).contains("loaded 5 files (0 skipped, 0 failed)");
    }

    @Test
    void fundingIsPaidAtTheMarkPriceOpenOfTheFundingMinuteWhereMarkPricesAreLoaded() throws IOException {
        Path out = work.resolve("with-mark-prices");
        CliRun backtest = backtest("2026-02-01", "2026-02-03", out);
        assertThat(backtest.out()).contains("funding at the mark price (market.mark_price_klines) of [USDM:DOTUSDT]");

        List<FundingPayment> payments = assertPayments(out, DAY_1, DAY_1 + 3 * DAY, DAY_2);
        List<FundingPayment> atMark = payments.stream()
                .filter(p -> FundingPayment.MARK_PRICE_OPEN.equals(p.markPriceSource)).toList();
        assertThat(atMark).as("DOTUSDT on 2026-02-02, the day of its mark-price file").isNotEmpty()
                .allMatch(p -> p.symbol.equals("DOTUSDT") && p.time >= DAY_2 && p.time < DAY_2 + DAY);
        assertThat(payments).as("DOTUSDT on 2026-02-03: no mark-price bar, the last close")
                .anyMatch(p -> p.symbol.equals("DOTUSDT") && p.time > DAY_2 + DAY
                        && FundingPayment.LAST_CLOSE.equals(p.markPriceSource));
        List<String> csv = Files.readAllLines(out.resolve("funding.csv"));
        assertThat(csv).first()
                .isEqualTo("time,market,symbol,position,mark_price,mark_price_source,rate,payment");
        assertThat(csv).filteredOn(line -> line.contains(",mark-price-open,")).hasSize(atMark.size());
        JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("fundingPayments").asInt()).isEqualTo(payments.size());
        assertThat(stats.get("fundingAtMarkPrice").asInt()).isEqualTo(atMark.size());
    }

    @Test
    void withoutMarkPriceBarsInTheRangeFundingIsAtTheLastOneMinuteClose() throws IOException {
        Path out = work.resolve("without-mark-prices");
        CliRun backtest = backtest("2026-02-03", "2026-02-04", out);
        assertThat(backtest.out())
                .contains("funding at the last 1m close: market.mark_price_klines has no bars of the range");

        assertThat(assertPayments(out, DAY_1 + 2 * DAY, DAY_1 + 4 * DAY, Long.MAX_VALUE))
                .allMatch(p -> FundingPayment.LAST_CLOSE.equals(p.markPriceSource));
    }

    /**
     * The run's payments: one per instrument at every funding time in {@code [from, to)} at which
     * its fills leave a position, each as {@link #assertPayment} checks it (at the mark price
     * for DOTUSDT on the day from {@code markDay}).
     */
    private static List<FundingPayment> assertPayments(Path out, long from, long to, long markDay)
            throws IOException {
        List<FundingPayment> payments = payments(out);
        List<Fill> fills = fills(out);
        List<String> expected = new ArrayList<>();
        for (String symbol : RATES.keySet()) {
            for (long t = from; t < to; t += 8 * HOUR) {
                if (position(fills, symbol, t + CALC_DELAY).signum() != 0) {
                    expected.add(symbol + "@" + (t + CALC_DELAY));
                }
            }
        }
        assertThat(payments.stream().map(p -> p.symbol + "@" + p.time).toList())
                .containsExactlyInAnyOrderElementsOf(expected).hasSizeGreaterThan(3);
        for (FundingPayment p : payments) {
            boolean markPrice = p.symbol.equals("DOTUSDT") && p.time >= markDay && p.time < markDay + DAY;
            assertPayment(p, fills, markPrice);
        }
        return payments;
    }

    /**
     * {@code p} = −position × mark × rate: the position from the fills up to the funding time, the
     * mark the mark-price open of the funding minute or the archive's last close before it.
     */
    private static void assertPayment(FundingPayment p, List<Fill> fills, boolean atMarkPrice) {
        long minute = p.time - CALC_DELAY;
        BigDecimal position = position(fills, p.symbol, p.time);
        BigDecimal mark = atMarkPrice ? dotMarkOpens.get(minute) : bars.get(p.symbol).get(minute - 60_000).close;
        assertThat(p.markPriceSource).as("%s", p)
                .isEqualTo(atMarkPrice ? FundingPayment.MARK_PRICE_OPEN : FundingPayment.LAST_CLOSE);
        assertThat(p.position).as("%s", p).isEqualByComparingTo(position).isNotZero();
        assertThat(p.markPrice).as("%s", p).isEqualByComparingTo(mark);
        assertThat(p.rate).isEqualByComparingTo(RATES.get(p.symbol));
        assertThat(p.payment).as("%s", p).isEqualByComparingTo(
                position.negate().multiply(mark).multiply(RATES.get(p.symbol)).setScale(18, RoundingMode.HALF_EVEN));
    }

    /** What the fills of {@code symbol} up to {@code time} add up to. */
    private static BigDecimal position(List<Fill> fills, String symbol, long time) {
        BigDecimal position = BigDecimal.ZERO;
        for (Fill f : fills) {
            if (f.symbol.equals(symbol) && f.time <= time) {
                position = position.add(f.quantity);
            }
        }
        return position;
    }

    private static CliRun backtest(String from, String to, Path out) {
        CliRun run = CliRun.run("backtest", "--config", "../config/backtest.yaml", "--no-web-ui",
                "--universe.symbols", "DOTUSDT,LINKUSDT", "--from", from, "--to", to,
                "--output", out.toString(), "--catalog.warehouse", warehouse.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static BigDecimal mark(BigDecimal price) {
        return price.multiply(MARK_PREMIUM, MathContext.DECIMAL64).setScale(8, RoundingMode.HALF_EVEN);
    }

    private static List<FundingPayment> payments(Path folder) throws IOException {
        return read(folder, "funding-payments", FundingPayment.class);
    }

    private static List<Fill> fills(Path folder) throws IOException {
        return read(folder, "fills", Fill.class);
    }

    private static <T> List<T> read(Path folder, String name, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve(name + ".jsonl"))) {
            records.add(JSON.readValue(line, type));
        }
        return records;
    }
}
