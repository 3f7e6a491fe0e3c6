package io.quantstream.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quantstream.model.LedgerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code report.html}: one self-contained page (nothing loaded from a network or another file)
 * with the equity and drawdown charts, drawn by uPlot (the {@code org.webjars.npm:uplot} WebJar,
 * its script and style inlined from the classpath), and the statistics and per-instrument PnL
 * tables.
 *
 * <p>Shown values: fractions as percentages with 2 decimals ({@code 12.34 %}), ratios with 3
 * decimals, money with 2 decimals and thousands separators, times as in the CSV files, an
 * undefined value as {@code n/a} (a drawdown without recovery: {@code not recovered}).
 */
final class ReportPage {

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    private static final String NA = "n/a";
    private static final String NOT_RECOVERED = "not recovered";

    private ReportPage() {}

    /** The page of {@code stats}, charting {@code input}'s equity curve. */
    static String render(ReportInput input, BacktestStatistics stats) {
        String version = uplotVersion();
        String page = resource("io/quantstream/jobs/report/report.html")
                .replace("{{title}}", escape(stats.reference() + " (" + stats.interval() + ")"))
                .replace("{{range}}", escape(ReportFiles.time(stats.start()) + " to "
                        + ReportFiles.time(stats.end()) + ", " + stats.periods() + " bars"))
                .replace("{{statistics}}", statistics(stats))
                .replace("{{instruments}}", instruments(stats.instruments()))
                .replace("{{curve}}", curve(input, stats.start()))
                .replace("{{uplot-version}}", version)
                .replace("{{uplot-license}}", resource(WEBJAR + version + "/LICENSE"))
                .replace("{{uplot-css}}", resource(WEBJAR + version + "/dist/uPlot.min.css"));
        // last: nothing is replaced inside the library's own text
        return page.replace("{{uplot-js}}", resource(WEBJAR + version + "/dist/uPlot.iife.min.js"));
    }

    private static String statistics(BacktestStatistics s) {
        MaxDrawdown dd = s.maxDrawdown();
        StringBuilder rows = new StringBuilder();
        row(rows, "initialEquity", "initial equity", money(s.initialEquity()));
        row(rows, "finalEquity", "final equity", money(s.finalEquity()));
        row(rows, "totalReturn", "total return", percent(s.totalReturn()));
        row(rows, "cagr", "CAGR", percent(s.cagr()));
        row(rows, "annualizedVolatility", "annualized volatility",
                percent(s.annualizedVolatility()));
        row(rows, "sharpe", "Sharpe", ratio(s.sharpe()));
        row(rows, "sortino", "Sortino", ratio(s.sortino()));
        row(rows, "calmar", "Calmar", ratio(s.calmar()));
        row(rows, "maxDrawdown.depth", "max drawdown", percent(dd.depth()));
        row(rows, "maxDrawdown.peakTime", "drawdown peak", time(dd.peakTime()));
        row(rows, "maxDrawdown.troughTime", "drawdown trough", time(dd.troughTime()));
        row(rows, "maxDrawdown.recoveryTime", "drawdown recovery",
                dd.depth() > 0 && dd.recoveryTime() == null ? NOT_RECOVERED
                        : time(dd.recoveryTime()));
        row(rows, "turnover", "turnover (× mean equity)", ratio(s.turnover()));
        row(rows, "tradedNotional", "traded notional", money(s.tradedNotional()));
        row(rows, "fees", "fees", money(s.fees()));
        row(rows, "funding", "funding", money(s.funding()));
        row(rows, "fundingPayments", "funding payments", Integer.toString(s.fundingPayments()));
        row(rows, "fundingAtMarkPrice", "of them at the mark price",
                Integer.toString(s.fundingAtMarkPrice()));
        row(rows, "fills", "fills", Integer.toString(s.fills()));
        row(rows, "cutFills", "cut fills", Integer.toString(s.cutFills()));
        row(rows, "skippedFills", "skipped orders", Integer.toString(s.skippedFills()));
        row(rows, "hitRate", "hit rate", percent(s.hitRate()));
        row(rows, "winningFills", "winning fills", Integer.toString(s.winningFills()));
        row(rows, "losingFills", "losing fills", Integer.toString(s.losingFills()));
        row(rows, "periods", "bars", Integer.toString(s.periods()));
        return rows.toString();
    }

    private static String instruments(Map<String, InstrumentPnl> instruments) {
        StringBuilder rows = new StringBuilder();
        instruments.forEach((key, pnl) -> rows.append("<tr data-instrument=\"").append(escape(key))
                .append("\"><th>").append(escape(key)).append("</th><td>")
                .append(String.join("</td><td>", money(pnl.realizedPnl()),
                        money(pnl.unrealizedPnl()), money(pnl.fees()), money(pnl.funding()),
                        money(pnl.pnl())))
                .append("</td></tr>\n"));
        return rows.toString();
    }

    /** Times in seconds (uPlot's time scale), equity, and drawdown as a negative percentage. */
    private static String curve(ReportInput input, long start) {
        List<Double> time = new ArrayList<>(List.of(start / 1000.0));
        List<Double> equity = new ArrayList<>(List.of(input.initialEquity().doubleValue()));
        List<Double> drawdown = new ArrayList<>(List.of(0.0));
        for (LedgerEntry e : input.totals()) {
            time.add(e.time / 1000.0);
            equity.add(e.equity.doubleValue());
            drawdown.add(-e.drawdown.doubleValue() * 100);
        }
        // in this order: Map.of would order the keys differently in each JVM, and the same
        // backtest would give pages that differ
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("time", time);
        series.put("equity", equity);
        series.put("drawdown", drawdown);
        try {
            return JsonMapper.builder().build().writeValueAsString(series);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(StringBuilder rows, String key, String label, String value) {
        rows.append("<tr data-stat=\"").append(key).append("\"><th>").append(label)
                .append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static String percent(Double fraction) {
        return fraction == null ? NA : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    private static String ratio(Double value) {
        return value == null ? NA : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? NA : ReportFiles.time(epochMillis);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** The WebJar's version, from its Maven metadata: the path of its files depends on it. */
    private static String uplotVersion() {
        Properties pom = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is not on the class path"
                    + " (the report page needs the org.webjars.npm:uplot jar)");
        }
        return in;
    }
}
