package io.quantstream.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestReportTest {

    @TempDir
    Path dir;

    @Test
    void statsJsonHoldsTheStatisticsWithExactDecimalsAndEpochTimes() throws Exception {
        BacktestStatistics stats = BacktestReport.write(dir, DailyScenario.input());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("stats.json").toFile());
        assertThat(json.get("reference").asText()).isEqualTo("xs-test");
        assertThat(json.get("finalEquity").toString()).isEqualTo("1138.005");
        assertThat(json.get("tradedNotional").decimalValue()).isEqualByComparingTo("2732.5");
        assertThat(json.get("totalReturn").asDouble()).isEqualTo(stats.totalReturn());
        assertThat(json.get("sortino").asDouble()).isEqualTo(stats.sortino());
        assertThat(json.get("maxDrawdown").get("peakTime").asLong())
                .isEqualTo(DailyScenario.t(2));
        assertThat(json.get("maxDrawdown").get("recoveryTime").asLong())
                .isEqualTo(DailyScenario.t(5));
        assertThat(json.get("instruments").get("USDM:ETHUSDT").get("pnl").toString())
                .isEqualTo("-6.745");
        assertThat(json.get("hitRate").asDouble()).isEqualTo(2.0 / 3);
    }

    @Test
    void equityCsvStartsAtTheInitialEquityOneIntervalBeforeTheFirstClose() throws Exception {
        BacktestReport.write(dir, DailyScenario.input());

        assertThat(Files.readAllLines(dir.resolve("equity.csv"))).containsExactly(
                "time,equity,cash,gross_exposure,net_exposure,drawdown",
                "2026-01-31T23:59:59.999Z,1000,1000,0,0,0",
                "2026-02-01T23:59:59.999Z,1100,1100,2000,0,0",
                "2026-02-02T23:59:59.999Z,1100,1100,2000,0,0",
                "2026-02-03T23:59:59.999Z,990,990,1800,0,0.1",
                "2026-02-04T23:59:59.999Z,1089,1089,1900,0,0.01",
                "2026-02-05T23:59:59.999Z,1197.9,1197.9,2100,0,0",
                "2026-02-06T23:59:59.999Z,1138.005,1138.005,2050,0,0.05");
    }

    @Test
    void fillsCsvListsEveryOrderByFillTimeWithWhyAndFundingCsvEveryPayment() throws Exception {
        ReportInput input = DailyScenario.input();
        input.fills().get(4).detail = "notional 0, below minimum 5"; // the skipped one
        BacktestReport.write(dir, input);

        List<String> fills = Files.readAllLines(dir.resolve("fills.csv"));
        assertThat(fills).hasSize(9);
        assertThat(fills.get(0)).isEqualTo("time,signal_time,market,symbol,order_quantity,"
                + "quantity,price,notional,fee,realized_pnl,reason,detail");
        assertThat(fills.get(1)).isEqualTo("2026-02-01T00:00:59.999Z,2026-02-01T00:00:59.998Z,"
                + "USDM,BTCUSDT,0.02,0.02,50000,1000.00,0.5,0,rebalance,");
        assertThat(fills.get(3)).endsWith(",0.275,50,cut,");
        assertThat(fills.get(5)).isEqualTo("2026-02-05T00:00:59.999Z,2026-02-05T00:00:59.998Z,"
                + "USDM,BTCUSDT,0,0,61000,0,0,0,skipped,\"notional 0, below minimum 5\"");
        assertThat(fills.get(8)).startsWith("2026-02-07T00:00:59.999Z,");

        assertThat(Files.readAllLines(dir.resolve("funding.csv"))).containsExactly(
                "time,market,symbol,position,mark_price,mark_price_source,rate,payment",
                "2026-02-04T08:00:00.000Z,USDM,ETHUSDT,-0.1,2550,mark-price-open,0.0001,0.0255");
    }

    @Test
    void targetPositionsAreJsonLinesInDecisionTimeOrder() throws Exception {
        BacktestReport.write(dir, DailyScenario.input());

        List<String> lines = Files.readAllLines(dir.resolve("target-positions.jsonl"));
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        assertThat(first.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(first.get("time").asLong()).isEqualTo(DailyScenario.t(0));
        assertThat(first.get("quantity").toString()).isEqualTo("0.02");
        assertThat(mapper.readTree(lines.get(1)).get("weight").asDouble()).isEqualTo(-0.5);
    }

    @Test
    void thePageInlinesItsChartingLibraryAndLoadsNothing() throws Exception {
        BacktestReport.write(dir, DailyScenario.input());

        String page = Files.readString(dir.resolve("report.html"));
        assertThat(page).contains("var uPlot=").contains(".uplot {")
                .doesNotContain("<script src").doesNotContain("stylesheet")
                .doesNotContain("{{");
    }
}
