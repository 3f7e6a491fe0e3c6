package io.quantstream.jobs.report;

import io.quantstream.model.LedgerEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of a strategy's equity curve: the equity at a close of its interval, epoch ms UTC,
 * quote currency.
 */
record EquityPoint(long time, BigDecimal equity) {

    /**
     * The curve the statistics sample: the initial equity at the close before the first reported
     * bar ({@code first total row's time − interval}), then the equity of every total row.
     *
     * @throws IllegalArgumentException when the input has no total row
     */
    static List<EquityPoint> curve(ReportInput input) {
        List<LedgerEntry> totals = input.totals();
        if (totals.isEmpty()) {
            throw new IllegalArgumentException("strategy '" + input.reference()
                    + "' has no ledger total rows: the backtest produced no bar of its interval "
                    + input.interval());
        }
        List<EquityPoint> points = new ArrayList<>(totals.size() + 1);
        points.add(new EquityPoint(totals.get(0).time - input.interval().millis(),
                input.initialEquity()));
        for (LedgerEntry total : totals) {
            points.add(new EquityPoint(total.time, total.equity));
        }
        return points;
    }
}
