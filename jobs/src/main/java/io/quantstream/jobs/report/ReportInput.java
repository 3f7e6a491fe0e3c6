package io.quantstream.jobs.report;

import io.quantstream.execution.ExecutionSpec;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one strategy's backtest produced, as the execution and ledger stages emit it
 * ({@link io.quantstream.execution.ExecutionStages#simulate}, {@link
 * io.quantstream.ledger.LedgerStages}): the input of {@link BacktestStatistics#compute} and
 * {@link BacktestReport#write}.
 *
 * <p>The lists may come in any order (a collected stream); the record keeps copies sorted by
 * time (then instrument key, the ledger's total row after its instrument rows).
 *
 * @param reference the strategy: every record's {@code reference}
 * @param interval the strategy's interval: the ledger reports at each of its closes, and the
 *     statistics sample returns there
 * @param initialEquity the starting cash, quote currency, positive (the ledger's first peak)
 * @param ledger every {@link LedgerEntry} of the strategy, total rows and instrument rows
 * @param fills every {@link Fill}, skipped ones included
 * @param funding every {@link FundingPayment}
 * @param targetPositions every {@link TargetPosition} the strategy decided
 */
public record ReportInput(String reference, Interval interval, BigDecimal initialEquity,
        List<LedgerEntry> ledger, List<Fill> fills, List<FundingPayment> funding,
        List<TargetPosition> targetPositions) {

    /**
     * @throws IllegalArgumentException on a blank reference, a missing interval, an initial
     *     equity that is not positive, or a record of another strategy
     * @throws NullPointerException on a null list
     */
    public ReportInput {
        if (reference == null || reference.isBlank() || interval == null) {
            throw new IllegalArgumentException("a report needs the strategy and its interval");
        }
        if (initialEquity == null || initialEquity.signum() <= 0) {
            throw new IllegalArgumentException("initial equity must be positive: " + initialEquity);
        }
        ledger = sorted(reference, "ledger entry", ledger, e -> e.reference,
                Comparator.<LedgerEntry>comparingLong(e -> e.time)
                        .thenComparing(LedgerEntry::isTotal)
                        .thenComparing(e -> e.isTotal() ? "" : Instrument.key(e.market, e.symbol)));
        fills = sorted(reference, "fill", fills, f -> f.reference,
                Comparator.<Fill>comparingLong(f -> f.time)
                        .thenComparing(f -> Instrument.key(f.market, f.symbol)));
        funding = sorted(reference, "funding payment", funding, p -> p.reference,
                Comparator.<FundingPayment>comparingLong(p -> p.time)
                        .thenComparing(p -> Instrument.key(p.market, p.symbol)));
        targetPositions = sorted(reference, "target position", targetPositions, t -> t.reference,
                Comparator.<TargetPosition>comparingLong(t -> t.time)
                        .thenComparing(t -> Instrument.key(t.market, t.symbol)));
    }

    /** The report input of the strategy {@code spec} executes: its name, interval and equity. */
    public static ReportInput of(ExecutionSpec spec, List<LedgerEntry> ledger, List<Fill> fills,
            List<FundingPayment> funding, List<TargetPosition> targetPositions) {
        return new ReportInput(spec.strategy(), spec.interval(), spec.initialEquity(), ledger,
                fills, funding, targetPositions);
    }

    /** The ledger's total rows (cash, equity, exposures, drawdown), by time. */
    public List<LedgerEntry> totals() {
        return ledger.stream().filter(LedgerEntry::isTotal).toList();
    }

    private static <T> List<T> sorted(String reference, String what, List<T> records,
            Function<T, String> referenceOf, Comparator<T> order) {
        Objects.requireNonNull(records, what + "s");
        for (T record : records) {
            if (!reference.equals(referenceOf.apply(record))) {
                throw new IllegalArgumentException("a " + what + " of strategy '"
                        + referenceOf.apply(record) + "' in the report of '" + reference + "': "
                        + record);
            }
        }
        return records.stream().sorted(order).toList();
    }
}
