package io.quantstream.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.Instrument;
import io.quantstream.model.LedgerEntry;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one strategy's backtest, as {@code stats.json} holds them. The definitions
 * are those of the README's "Backtest statistics"; in short:
 *
 * <ul>
 *   <li>The equity curve {@code E_0 … E_n}: the initial equity at {@link #start}, then the
 *       ledger's equity at every close of the strategy's interval up to {@link #end}; every
 *       statistic covers the records up to {@code end}. Period returns
 *       {@code r_i = E_i / E_(i−1) − 1}, {@code P = 365 days / interval} periods a year, a
 *       risk-free rate of 0.
 *   <li>Ratios are fractions (0.05 = 5 %); a ratio that is undefined (a zero denominator, fewer
 *       than two returns, a negative final equity for the CAGR) is null. Money is exact, quote
 *       currency; times are epoch ms UTC.
 * </ul>
 *
 * <pre>{@code
 * BacktestStatistics stats = BacktestStatistics.compute(input);
 * String json = stats.toJson();   // the stats column of trading.backtest_runs
 * }</pre>
 *
 * @param reference the strategy
 * @param interval the strategy's interval, e.g. {@code 1h}
 * @param start time of {@code E_0}: the first ledger close minus one interval
 * @param end time of {@code E_n}: the last ledger close
 * @param periods {@code n}, the number of returns
 * @param initialEquity {@code E_0}
 * @param finalEquity {@code E_n}
 * @param totalReturn {@code E_n / E_0 − 1}
 * @param cagr {@code (E_n / E_0)^(1 / years) − 1}, years = {@code (end − start) / 365 days}
 * @param annualizedVolatility sample standard deviation of the returns (n − 1) × √P
 * @param sharpe mean return / sample standard deviation × √P
 * @param sortino mean return / downside deviation × √P; downside deviation
 *     {@code √(Σ min(r_i, 0)² / n)} over all n returns
 * @param calmar {@code cagr / maxDrawdown.depth}
 * @param maxDrawdown the deepest fall below a running high of {@code E_0 … E_n}
 * @param tradedNotional {@code Σ |quantity × price|} of the fills up to {@code end}
 * @param turnover {@code tradedNotional} / the mean of {@code E_0 … E_n}
 * @param fees taker fees paid up to {@code end} (the last total row's)
 * @param funding funding received (positive) or paid up to {@code end} (the last total row's)
 * @param fundingPayments funding payments up to {@code end}
 * @param fundingAtMarkPrice of those, the ones valued at the mark price (the open of the funding
 *     minute's mark-price bar); the others at the last 1m close
 *     ({@link FundingPayment#markPriceSource})
 * @param fills fills up to {@code end} with a non-zero quantity ({@code rebalance} and
 *     {@code cut})
 * @param cutFills of those, the ones cut by the gross-leverage cap
 * @param skippedFills orders up to {@code end} not filled ({@code skipped})
 * @param hitRate {@code winningFills / (winningFills + losingFills)}
 * @param winningFills fills up to {@code end} that realized a positive trading PnL
 * @param losingFills fills up to {@code end} that realized a negative trading PnL
 * @param instruments each traded instrument's PnL at {@code end}, by key {@code MARKET:SYMBOL}
 */
public record BacktestStatistics(String reference, String interval, long start, long end,
        int periods, BigDecimal initialEquity, BigDecimal finalEquity, double totalReturn,
        Double cagr, Double annualizedVolatility, Double sharpe, Double sortino, Double calmar,
        MaxDrawdown maxDrawdown, BigDecimal tradedNotional, Double turnover, BigDecimal fees,
        BigDecimal funding, int fundingPayments, int fundingAtMarkPrice, int fills, int cutFills, int skippedFills, Double hitRate,
        int winningFills, int losingFills, Map<String, InstrumentPnl> instruments) {

    /** Days in a year for annualizing: crypto markets trade every day. */
    public static final int DAYS_PER_YEAR = 365;

    private static final double YEAR_MS = DAYS_PER_YEAR * 86_400_000.0;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * The statistics of {@code input}.
     *
     * @throws IllegalArgumentException when the ledger has no total row (no bar of the interval)
     */
    public static BacktestStatistics compute(ReportInput input) {
        List<EquityPoint> curve = EquityPoint.curve(input);
        int n = curve.size() - 1;
        long start = curve.get(0).time();
        long end = curve.get(n).time();
        BigDecimal first = curve.get(0).equity();
        BigDecimal last = curve.get(n).equity();

        double[] returns = new double[n];
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            returns[i - 1] = curve.get(i).equity()
                    .divide(curve.get(i - 1).equity(), MathContext.DECIMAL128).doubleValue() - 1;
            sum += returns[i - 1];
        }
        double mean = sum / n;
        double squares = 0;
        double downside = 0;
        for (double r : returns) {
            squares += (r - mean) * (r - mean);
            downside += Math.min(r, 0) * Math.min(r, 0);
        }
        double rootP = Math.sqrt(YEAR_MS / input.interval().millis());
        Double deviation = n < 2 ? null : Math.sqrt(squares / (n - 1));
        double downsideDeviation = Math.sqrt(downside / n);

        double growth = last.divide(first, MathContext.DECIMAL128).doubleValue();
        Double cagr = growth < 0 ? null : Math.pow(growth, YEAR_MS / (end - start)) - 1;
        MaxDrawdown drawdown = MaxDrawdown.of(curve);

        BigDecimal equitySum = BigDecimal.ZERO;
        for (EquityPoint p : curve) {
            equitySum = equitySum.add(p.equity());
        }
        BigDecimal meanEquity = equitySum.divide(BigDecimal.valueOf(n + 1L), MathContext.DECIMAL128);

        BigDecimal traded = BigDecimal.ZERO;
        int filled = 0;
        int cut = 0;
        int skipped = 0;
        int winning = 0;
        int losing = 0;
        for (Fill f : input.fills()) {
            if (f.time > end) {
                break;
            }
            if (Fill.SKIPPED.equals(f.reason)) {
                skipped++;
                continue;
            }
            filled++;
            cut += Fill.CUT.equals(f.reason) ? 1 : 0;
            traded = traded.add(f.quantity.multiply(f.price).abs());
            winning += f.realizedPnl.signum() > 0 ? 1 : 0;
            losing += f.realizedPnl.signum() < 0 ? 1 : 0;
        }

        int payments = 0;
        int atMarkPrice = 0;
        for (FundingPayment p : input.funding()) {
            if (p.time <= end) {
                payments++;
                atMarkPrice += FundingPayment.MARK_PRICE_OPEN.equals(p.markPriceSource) ? 1 : 0;
            }
        }

        LedgerEntry lastTotal = null;
        Map<String, InstrumentPnl> instruments = new TreeMap<>();
        for (LedgerEntry e : input.ledger()) {
            if (e.time != end) {
                continue;
            }
            if (e.isTotal()) {
                lastTotal = e;
            } else {
                instruments.put(Instrument.key(e.market, e.symbol), InstrumentPnl.of(e));
            }
        }

        return new BacktestStatistics(input.reference(), input.interval().label(), start, end, n,
                first, last, growth - 1, finite(cagr),
                deviation == null ? null : finite(deviation * rootP),
                deviation == null ? null : ratio(mean, deviation, rootP),
                ratio(mean, downsideDeviation, rootP),
                cagr == null || drawdown.depth() == 0 ? null : finite(cagr / drawdown.depth()),
                drawdown, traded, finite(traded.divide(meanEquity, MathContext.DECIMAL128)
                        .doubleValue()),
                lastTotal.fees, lastTotal.funding, payments, atMarkPrice, filled, cut, skipped,
                winning + losing == 0 ? null : (double) winning / (winning + losing),
                winning, losing, instruments);
    }

    /** These statistics as the JSON of {@code stats.json}: plain decimals, indented. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double ratio(double mean, double deviation, double rootP) {
        return deviation == 0 ? null : finite(mean / deviation * rootP);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
