package io.quantstream.jobs.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.iceberg.BacktestRuns;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.jobs.topology.BacktestSinks;
import io.quantstream.jobs.report.BacktestReport;
import io.quantstream.jobs.report.BacktestStatistics;
import io.quantstream.jobs.report.ReportInput;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.TradeGap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Catalog;

/**
 * What a backtest produced, read back from its folder once its job has ended; the report made
 * of it ({@link BacktestReport}: {@code stats.json}, the CSV files, {@code report.html}) and the
 * run's row in {@code trading.backtest_runs}.
 */
public final class BacktestResults {

    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    public final BacktestPlan plan;
    public final List<TargetPosition> targets;
    public final List<Fill> fills;
    public final List<LedgerEntry> ledger;
    public final List<FundingPayment> funding;
    public final List<DeadLetter> deadLetters;
    /** Holes in the trade ids of a backtest of trades (none in a backtest of klines). */
    public final List<TradeGap> tradeGaps;
    /** Epoch ms UTC. */
    public final long finishedAt;
    private BacktestStatistics statistics;

    private BacktestResults(BacktestPlan plan, Path folder, long finishedAt) throws IOException {
        this.plan = plan;
        this.targets = read(folder, BacktestSinks.TARGET_POSITIONS, TargetPosition.class);
        this.fills = read(folder, BacktestSinks.FILLS, Fill.class);
        this.ledger = read(folder, BacktestSinks.LEDGER, LedgerEntry.class);
        this.funding = read(folder, BacktestSinks.FUNDING_PAYMENTS, FundingPayment.class);
        this.deadLetters = read(folder, BacktestSinks.DEAD_LETTERS, DeadLetter.class);
        this.tradeGaps = read(folder, BacktestSinks.TRADE_GAPS, TradeGap.class);
        this.finishedAt = finishedAt;
    }

    /**
     * Once the job of {@code plan} has ended: assembles its files in the report folder, reads
     * them, writes the report there and appends the run to {@code trading.backtest_runs}.
     *
     * @throws IOException when the folder cannot be read or written
     */
    public static BacktestResults finish(BacktestPlan plan, Instant now) throws IOException {
        FileSinks.assemble(plan.output().toString());
        BacktestResults results = new BacktestResults(plan, plan.output(), now.toEpochMilli());
        if (results.finalTotal() != null) {
            results.statistics = BacktestReport.write(plan.output(), ReportInput.of(
                    Topology.executionSpec(plan.config()), results.ledger, results.fills,
                    results.funding, results.targets));
        }
        Catalog catalog = IcebergCatalogs.open(plan.catalog());
        try {
            BacktestRuns.append(catalog, results.run());
        } finally {
            BacktestPlan.close(catalog);
        }
        return results;
    }

    /** The statistics of {@code stats.json}; null when the ledger never reported (no bar). */
    public BacktestStatistics statistics() {
        return statistics;
    }

    /** The strategy's last total ledger row, or null when it never reported. */
    public LedgerEntry finalTotal() {
        for (int i = ledger.size() - 1; i >= 0; i--) {
            if (ledger.get(i).isTotal()) {
                return ledger.get(i);
            }
        }
        return null;
    }

    /** Fills counted by {@link Fill#reason}. */
    public Map<String, Long> fillsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        fills.forEach(f -> counts.merge(f.reason, 1L, Long::sum));
        return counts;
    }

    /** Dead letters counted by {@code stage/reason}. */
    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> counts = new TreeMap<>();
        deadLetters.forEach(d -> counts.merge(d.stage + "/" + d.reason, 1L, Long::sum));
        return counts;
    }

    /** The run's summary lines. */
    public void print(PrintStream out) {
        LedgerEntry total = finalTotal();
        out.printf("backtest %s of %s: %s to %s%n", plan.runId(), plan.strategy(),
                Instant.ofEpochMilli(plan.dataFrom()), Instant.ofEpochMilli(plan.dataTo() + 1));
        long atMarkPrice = funding.stream()
                .filter(p -> FundingPayment.MARK_PRICE_OPEN.equals(p.markPriceSource)).count();
        out.printf("  %,d target positions, %,d fills %s, %,d funding payments (%,d at the mark"
                        + " price), %,d ledger rows%n", targets.size(), fills.size(),
                fillsByReason(), funding.size(), atMarkPrice, ledger.size());
        if (statistics != null) {
            out.printf("  final equity %s (initial %s): total return %.2f %%, Sharpe %s, max"
                            + " drawdown %.2f %%, fees %s, funding %s%n", plain(statistics.finalEquity()),
                    plain(statistics.initialEquity()), 100 * statistics.totalReturn(),
                    statistics.sharpe() == null ? "-" : String.format("%.2f", statistics.sharpe()),
                    100 * statistics.maxDrawdown().depth(), plain(statistics.fees()),
                    plain(statistics.funding()));
        }
        if (!deadLetters.isEmpty()) {
            out.println("  dead letters by stage/reason: " + deadLettersByReason());
        }
        if (!tradeGaps.isEmpty()) {
            out.printf("  %,d trade gaps (%,d trades missing): %s.jsonl%n", tradeGaps.size(),
                    tradeGaps.stream().mapToLong(g -> g.missingTrades).sum(),
                    BacktestSinks.TRADE_GAPS);
        }
        out.println("  report folder " + plan.output());
    }

    private BacktestRuns.Run run() throws IOException {
        String config = JSON.writeValueAsString(plan.config());
        BacktestStatistics s = statistics;
        if (s == null) {
            return new BacktestRuns.Run(plan.runId(), plan.strategy(), plan.startedAt(),
                    finishedAt, plan.dataFrom(), plan.dataTo(), config, null, null, null, null,
                    null, null, null, null, plan.output().toString());
        }
        return new BacktestRuns.Run(plan.runId(), plan.strategy(), plan.startedAt(), finishedAt,
                plan.dataFrom(), plan.dataTo(), config, s.toJson(), s.totalReturn(), s.cagr(),
                s.sharpe(), s.maxDrawdown().depth(), s.fees(), s.funding(), s.finalEquity(),
                plan.output().toString());
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static <T> List<T> read(Path folder, String name, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        Path file = folder.resolve(name + ".jsonl");
        if (!Files.exists(file)) {
            return records;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                records.add(JSON.readValue(line, type));
            }
        }
        return records;
    }
}
