package io.quantstream.execution;

import io.quantstream.ledger.LedgerStages;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.TargetPosition;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage: a strategy's target positions to simulated fills, with its ledger on side outputs.
 *
 * <pre>{@code
 * ExecutionSpec spec = ExecutionSpec.of(strategySpec, universe);
 * SingleOutputStreamOperator<Fill> fills = ExecutionStages.simulate(
 *         targets, oneMinuteKlines, fundingRates, markPriceKlines, spec);
 * DataStream<LedgerEntry> ledger = LedgerStages.entries(fills);      // every bar of the interval
 * DataStream<FundingPayment> funding = LedgerStages.funding(fills);
 * DataStream<DeadLetter> rejected = fills.getSideOutput(DeadLetters.TAG);
 * }</pre>
 *
 * Execution and ledger are one keyed operator per strategy because each needs the other: a
 * target is sized on the equity the ledger has at its time, and the ledger changes with every
 * fill. Rules: {@link Account} (order of a bar's events), {@link FillSimulator} (next-bar open,
 * slippage, fees, gap cut, lot rules), {@link io.quantstream.ledger.Ledger} (accounting).
 */
public final class ExecutionStages {

    private static final long HOUR = Interval.parse("1h").millis();

    private ExecutionStages() {}

    /**
     * Simulates the execution of {@code spec}'s strategy.
     *
     * <p>Inputs, each with record timestamps assigned at its source (any parallelism): target
     * positions (those whose {@code reference} is the strategy), klines (the 1m bars of the spec's
     * instruments are used, other intervals and instruments ignored), funding rates (of the
     * spec's instruments; may be null: no funding) and 1m mark-price klines (Binance's
     * markPriceKlines, record timestamp: close time; may be null: funding at the last 1m close).
     * Of the mark-price klines only those of the spec's instruments opening at a whole hour are
     * read: Binance's funding times are whole hours (the archive's {@code calc_time} a few ms
     * after), and a funding payment is valued at the open of the mark-price bar of its minute
     * ({@link FundingPayment#MARK_PRICE_OPEN}); a funding time without one is valued at the last
     * 1m close ({@link FundingPayment#LAST_CLOSE}), and its payment says which. The inputs are
     * unioned and keyed by the strategy name; see {@link SimulatedExecution} for ordering, dead
     * letters and metrics.
     *
     * <p>Output: one {@link Fill} per order (record timestamp: the fill time), ledger entries
     * and funding payments on {@link LedgerStages#ENTRIES} and {@link LedgerStages#FUNDING},
     * rejected inputs on {@link DeadLetters#TAG}. The output watermark lags the input one by a
     * minute.
     *
     * <p>Operator uids: {@code execution-<name>}, and {@code execution-<name>-targets},
     * {@code -klines}, {@code -funding}, {@code -mark-prices} for the selections before the union.
     */
    public static SingleOutputStreamOperator<Fill> simulate(DataStream<TargetPosition> targets,
            DataStream<Kline> klines, DataStream<FundingRate> fundingRates,
            DataStream<Kline> markPriceKlines, ExecutionSpec spec) {
        String name = spec.strategy();
        String uid = "execution-" + name;
        Set<String> instruments = spec.instrumentKeys();
        String oneMinute = Interval.ONE_MINUTE.label();
        TypeInformation<AccountEvent> type = TypeInformation.of(AccountEvent.class);
        DataStream<AccountEvent> events = targets
                .flatMap((FlatMapFunction<TargetPosition, AccountEvent>) (t, out) -> {
                    if (name.equals(t.reference)) {
                        out.collect(AccountEvent.of(t));
                    }
                }, type)
                .uid(uid + "-targets").name("targets of " + name)
                .union(klines
                        .flatMap((FlatMapFunction<Kline, AccountEvent>) (k, out) -> {
                            if (oneMinute.equals(k.interval)
                                    && instruments.contains(Instrument.key(k.market, k.symbol))) {
                                out.collect(AccountEvent.of(k));
                            }
                        }, type)
                        .uid(uid + "-klines").name("1m klines of " + name));
        if (fundingRates != null) {
            events = events.union(fundingRates
                    .flatMap((FlatMapFunction<FundingRate, AccountEvent>) (f, out) -> {
                        if (instruments.contains(Instrument.key(f.market, f.symbol))) {
                            out.collect(AccountEvent.of(f));
                        }
                    }, type)
                    .uid(uid + "-funding").name("funding rates of " + name));
        }
        if (markPriceKlines != null) {
            events = events.union(markPriceKlines
                    .flatMap((FlatMapFunction<Kline, AccountEvent>) (k, out) -> {
                        if (k.openTime % HOUR == 0 && oneMinute.equals(k.interval)
                                && instruments.contains(Instrument.key(k.market, k.symbol))) {
                            out.collect(AccountEvent.ofMarkPrice(k));
                        }
                    }, type)
                    .uid(uid + "-mark-prices").name("mark prices at funding times of " + name));
        }
        return events
                .keyBy(e -> name, Types.STRING)
                .transform("execution " + name, TypeInformation.of(Fill.class),
                        new AccountOperator(new SimulatedExecution(spec)))
                .uid(uid);
    }

    /**
     * The 1m klines of {@code klines} the account of {@code spec} reads when every minute of every
     * instrument has its bar (what {@link AccountBars} says, e.g. a backtest over complete
     * history): those opening or closing at a multiple of the strategy's interval, at most an
     * hour. {@link #simulate} fed these gives the same output as fed {@code klines}, from a
     * thirtieth of the bars for an hourly strategy. Operator uid {@code execution-<name>-bars}.
     */
    public static DataStream<Kline> accountBars(DataStream<Kline> klines, ExecutionSpec spec) {
        return klines.filter(new AccountBars(spec.interval()))
                .uid("execution-" + spec.strategy() + "-bars")
                .name("bars the account of " + spec.strategy() + " reads");
    }

    /**
     * The period of {@link #accountBars}, epoch ms: the strategy's interval, at most an hour.
     */
    public static long accountBarPeriod(ExecutionSpec spec) {
        return new AccountBars(spec.interval()).period();
    }

    /**
     * {@link #simulate(DataStream, DataStream, DataStream, DataStream, ExecutionSpec)} without
     * mark prices: funding at the last 1m close.
     */
    public static SingleOutputStreamOperator<Fill> simulate(DataStream<TargetPosition> targets,
            DataStream<Kline> klines, DataStream<FundingRate> fundingRates, ExecutionSpec spec) {
        return simulate(targets, klines, fundingRates, null, spec);
    }

    /**
     * {@link #simulate(DataStream, DataStream, DataStream, DataStream, ExecutionSpec)} without
     * funding.
     */
    public static SingleOutputStreamOperator<Fill> simulate(DataStream<TargetPosition> targets,
            DataStream<Kline> klines, ExecutionSpec spec) {
        return simulate(targets, klines, null, null, spec);
    }
}
