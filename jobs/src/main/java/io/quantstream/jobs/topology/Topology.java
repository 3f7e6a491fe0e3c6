package io.quantstream.jobs.topology;

import io.quantstream.connectors.file.KlineCsvSink;
import io.quantstream.crosssection.CrossSectionSpec;
import io.quantstream.crosssection.CrossSectionStages;
import io.quantstream.crosssection.CrossSectionTransform;
import io.quantstream.eventtime.ExecutionModes;
import io.quantstream.execution.ExecutionSpec;
import io.quantstream.execution.ExecutionStages;
import io.quantstream.execution.LotRule;
import io.quantstream.execution.MarketCosts;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorStages;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.kline.ContractSizes;
import io.quantstream.kline.KlineStages;
import io.quantstream.kline.TradeRun;
import io.quantstream.kline.TradeSizes;
import io.quantstream.ledger.LedgerStages;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Fill;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.portfolio.PortfolioStages;
import io.quantstream.portfolio.StrategySpec;
import io.quantstream.portfolio.Weightings;
import io.quantstream.trade.TradeBatch;
import io.quantstream.trade.TradeCheck;
import io.quantstream.trade.TradeStages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.TimeUtils;

/**
 * The stages every job runs, in three parts a job composes as it needs; sources and sinks are
 * the job's choice, so the same parts run on files or Kafka, in STREAMING and BATCH:
 *
 * <ul>
 *   <li>{@link #klines}: trades → validate → pre-aggregated runs (per source) → 1m klines
 *       (dedupe, gaps, gap fill) → roll-ups;
 *   <li>{@link #factors}: klines of the factor intervals → factor vectors;
 *   <li>{@link #strategy}: factor vectors → cross-section → portfolio → target positions;
 *   <li>{@link #execution}: target positions + 1m klines + funding rates (+ mark prices) →
 *       simulated fills and the strategy's ledger (backtests).
 * </ul>
 *
 * <p>Each part adds its streams to a {@link TopologyOutputs} and its rejected records to
 * {@link TopologyOutputs#deadLetters}; a part the configuration does not ask for adds nothing.
 */
public final class Topology {

    private Topology() {}

    /** All three parts on {@code input}, without control: what the file job runs. */
    public static TopologyOutputs build(MarketData input, JobConfig config) {
        return build(input, null, config);
    }

    /**
     * All three parts on {@code input}, the portfolio under {@code control} when not null (see
     * {@link #strategy(DataStream, DataStream, JobConfig, TopologyOutputs)}): what the pipeline
     * job runs.
     */
    public static TopologyOutputs build(MarketData input, DataStream<ControlCommand> control,
            JobConfig config) {
        TopologyOutputs out = new TopologyOutputs();
        klines(input, config, out);
        if (out.klines != null) {
            factors(out.klines, config, out);
        }
        if (out.factors != null) {
            strategy(out.factors, control, config, out);
        }
        return out;
    }

    /**
     * Klines of every configured interval ({@link TopologyOutputs#klines}) from the trades of each
     * source of {@code input} (validated and pre-aggregated at the source's parallelism, chained
     * to it, then aggregated by instrument) and from 1m klines read as input; klines of other
     * intervals read as input pass through. Also sets the validated trades (of the sources of
     * {@link MarketData#trades}; batched file sources have none), trade gaps and non-market
     * trades, and adds the input's dead letters.
     */
    public static void klines(MarketData input, JobConfig config, TopologyOutputs out) {
        out.deadLetters = Streams.union(out.deadLetters, input.deadLetters);
        out.klineLayout = input.markets.size() > 1
                ? KlineCsvSink.Layout.BY_MARKET : KlineCsvSink.Layout.FLAT;

        DataStream<Kline> oneMinute = null;
        if (!input.trades.isEmpty() || !input.tradeBatches.isEmpty()) {
            HashSet<String> symbols = upperCase(config.input.symbols);
            TradeSizes sizes = TradeSizes.of(config.klines.tradeSizes);
            DataStream<TradeRun> runs = null;
            DataStream<Long> inputEnds = null;
            for (Map.Entry<String, DataStream<TradeBatch>> source : input.tradeBatches.entrySet()) {
                SingleOutputStreamOperator<TradeRun> sourceRuns = KlineStages.preAggregateBatches(
                        source.getValue(), new TradeCheck(symbols), source.getKey(), sizes);
                out.deadLetters = Streams.union(out.deadLetters,
                        sourceRuns.getSideOutput(DeadLetters.TAG));
                out.nonMarketTrades = Streams.union(out.nonMarketTrades,
                        sourceRuns.getSideOutput(TradeStages.NON_MARKET_TRADES));
                runs = Streams.union(runs, sourceRuns);
                inputEnds = Streams.union(inputEnds,
                        sourceRuns.getSideOutput(KlineStages.INPUT_END));
            }
            for (Map.Entry<String, DataStream<Trade>> source : input.trades.entrySet()) {
                SingleOutputStreamOperator<Trade> validated =
                        TradeStages.validate(source.getValue(), symbols, source.getKey());
                out.deadLetters = Streams.union(out.deadLetters,
                        validated.getSideOutput(DeadLetters.TAG));
                out.nonMarketTrades = Streams.union(out.nonMarketTrades,
                        validated.getSideOutput(TradeStages.NON_MARKET_TRADES));
                out.trades = Streams.union(out.trades, validated);
                SingleOutputStreamOperator<TradeRun> sourceRuns =
                        KlineStages.preAggregate(validated, source.getKey(), sizes);
                out.deadLetters = Streams.union(out.deadLetters,
                        sourceRuns.getSideOutput(DeadLetters.TAG));
                runs = Streams.union(runs, sourceRuns);
                inputEnds = Streams.union(inputEnds,
                        sourceRuns.getSideOutput(KlineStages.INPUT_END));
            }
            SingleOutputStreamOperator<Kline> aggregated = KlineStages.aggregate(runs, inputEnds,
                    config.klines.allowedLatenessDuration(),
                    config.klines.reorderToleranceDuration(),
                    new ContractSizes(config.klines.contractSizes));
            out.deadLetters = Streams.union(out.deadLetters,
                    aggregated.getSideOutput(DeadLetters.TAG));
            out.tradeGaps = aggregated.getSideOutput(KlineStages.TRADE_GAPS);
            oneMinute = aggregated;
        }
        for (DataStream<Kline> klines : input.oneMinuteKlines.values()) {
            oneMinute = Streams.union(oneMinute, klines);
        }
        if (oneMinute != null && rollsNothingUp(input, config, oneMinute)) {
            out.klines = oneMinute;
        } else if (oneMinute != null) {
            SingleOutputStreamOperator<Kline> rolled =
                    KlineStages.rollUp(oneMinute, intervals(config));
            out.deadLetters = Streams.union(out.deadLetters, rolled.getSideOutput(DeadLetters.TAG));
            out.klines = rolled;
        }
        for (DataStream<Kline> other : input.otherKlines.values()) {
            out.klines = Streams.union(out.klines, other);
        }
    }

    /**
     * Factor vectors ({@link TopologyOutputs#factors}) of the klines of {@code config.factorIntervals}
     * (every interval when empty), when {@code config.factors} names any. {@code klines}: in
     * open-time order per instrument and interval, record timestamp = close time.
     */
    public static void factors(DataStream<Kline> klines, JobConfig config, TopologyOutputs out) {
        if (config.factors == null || config.factors.isBlank()) {
            return;
        }
        var factors = FactorStages.compute(factorInput(klines, config),
                FactorSet.parse(config.factors), config.factorCache.spec());
        out.deadLetters = Streams.union(out.deadLetters, factors.getSideOutput(DeadLetters.TAG));
        out.factors = factors;
    }

    /**
     * The klines the factor stage reads: those of {@code config.factorIntervals} (all of them
     * when empty). Also what {@code state bootstrap} computes factor state from.
     */
    public static DataStream<Kline> factorInput(DataStream<Kline> klines, JobConfig config) {
        return config.factorIntervals.isEmpty() ? klines : klines
                .filter(new IntervalFilter(config.factorIntervals))
                .name("factor intervals " + config.factorIntervals).uid("factor-intervals");
    }

    /**
     * Cross-sections of the universe ({@link TopologyOutputs#crossSections}, when the
     * configuration has a universe and a cross-section) and the strategy's target positions
     * ({@link TopologyOutputs#targetPositions}, when it also has a strategy) from
     * {@code factors} (record timestamp = the bar's close time).
     */
    public static void strategy(DataStream<FactorVector> factors, JobConfig config,
            TopologyOutputs out) {
        strategy(factors, null, config, out);
    }

    /**
     * {@link #strategy(DataStream, JobConfig, TopologyOutputs)} with the portfolio under the
     * commands of {@code control} (any parallelism, no watermarks needed) when it is not null:
     * then also {@link TopologyOutputs#targetDeltas} and {@link TopologyOutputs#controlActions},
     * and rejected commands (stage {@code control}) among the dead letters.
     */
    public static void strategy(DataStream<FactorVector> factors,
            DataStream<ControlCommand> control, JobConfig config, TopologyOutputs out) {
        if (config.universe == null || config.crossSection == null) {
            return;
        }
        var crossSections = CrossSectionStages.score(factors, crossSectionSpec(config));
        out.deadLetters = Streams.union(out.deadLetters,
                crossSections.getSideOutput(DeadLetters.TAG));
        out.crossSections = crossSections;

        if (config.strategy == null) {
            return;
        }
        var targets = control == null
                ? PortfolioStages.targets(crossSections, strategySpec(config))
                : PortfolioStages.targets(crossSections, control, strategySpec(config));
        out.deadLetters = Streams.union(out.deadLetters, targets.getSideOutput(DeadLetters.TAG));
        out.targetPositions = targets;
        if (control != null) {
            out.targetDeltas = targets.getSideOutput(PortfolioStages.DELTAS);
            out.controlActions = targets.getSideOutput(PortfolioStages.ACTIONS);
        }
    }

    /**
     * The strategy's simulated execution and ledger ({@link TopologyOutputs#fills},
     * {@link TopologyOutputs#ledger}, {@link TopologyOutputs#fundingPayments}) from the targets and
     * the 1m klines already in {@code out}, and {@code input}'s funding rates and mark-price
     * klines (each may be null: no funding, funding at the last 1m close), as
     * {@link #executionSpec} sets it up; adds nothing when {@code out} has no targets. When
     * {@code everyMinute} (the 1m klines have a bar for every minute of every instrument, as
     * {@code HistoryCoverage} checks a backtest's history), the execution is fed only the bars
     * its account reads ({@link ExecutionStages#accountBars}), with the same result.
     */
    public static void execution(MarketData input, JobConfig config, TopologyOutputs out,
            boolean everyMinute) {
        if (out.targetPositions == null) {
            return;
        }
        ExecutionSpec spec = executionSpec(config);
        DataStream<Kline> bars = everyMinute ? ExecutionStages.accountBars(out.klines, spec) : out.klines;
        SingleOutputStreamOperator<Fill> fills = ExecutionStages.simulate(out.targetPositions,
                bars, input.fundingRates, input.markPriceKlines, spec);
        out.deadLetters = Streams.union(out.deadLetters, fills.getSideOutput(DeadLetters.TAG));
        out.fills = fills;
        out.ledger = LedgerStages.entries(fills);
        out.fundingPayments = LedgerStages.funding(fills);
    }

    /**
     * The execution of the configured strategy over its universe: {@code strategy.equity} as
     * starting equity, {@code execution.cashBuffer}, the costs of {@code execution.costs} over
     * Binance's Regular tier ({@link ExecutionSpec#of}), the lots of {@code execution.lots}.
     *
     * @throws IllegalArgumentException on settings {@link ExecutionSpec} rejects (the config
     *     validator names them first)
     */
    public static ExecutionSpec executionSpec(JobConfig config) {
        ExecutionSpec spec = ExecutionSpec.of(strategySpec(config), config.universeInstruments())
                .withCashBuffer(config.execution.cashBuffer);
        for (Map.Entry<String, JobConfig.Costs> costs : config.execution.costs.entrySet()) {
            Market market = Market.parse(costs.getKey());
            MarketCosts defaults = spec.costs().get(market);
            JobConfig.Costs given = costs.getValue();
            spec = spec.withCosts(market, new MarketCosts(
                    given.slippageBps != null ? given.slippageBps : defaults.slippageBps(),
                    given.takerFeeBps != null ? given.takerFeeBps : defaults.takerFeeBps()));
        }
        for (Map.Entry<String, JobConfig.Lot> lot : config.execution.lots.entrySet()) {
            spec = spec.withLot(Instrument.parse(lot.getKey()),
                    new LotRule(lot.getValue().stepSize, lot.getValue().minNotional));
        }
        return spec;
    }

    /**
     * Whether the roll-up would pass every 1m kline through unchanged: in BATCH (also
     * {@code automatic} over bounded sources: {@link ExecutionModes#executesAsBatch}), with no
     * interval but 1m, and every 1m kline from the aggregator (in open-time order per instrument, each
     * once, with its market, so no roll-up dead letter either). Then the job leaves it out, and
     * with it a second sort of every bar; a BATCH job has no savepoint that expects its uid.
     */
    private static boolean rollsNothingUp(MarketData input, JobConfig config,
            DataStream<Kline> oneMinute) {
        return intervals(config).size() == 1 && input.oneMinuteKlines.isEmpty()
                && ExecutionModes.executesAsBatch(oneMinute);
    }

    /** The configured intervals, 1m first, ascending; 1m is always included. */
    static List<Interval> intervals(JobConfig config) {
        List<Interval> intervals = new ArrayList<>();
        intervals.add(Interval.ONE_MINUTE);
        for (String label : config.klines.intervals) {
            for (Interval interval : Interval.parseList(label)) {
                if (!intervals.contains(interval)) {
                    intervals.add(interval);
                }
            }
        }
        intervals.sort(null);
        return intervals;
    }

    private static HashSet<String> upperCase(List<String> symbols) {
        HashSet<String> set = new HashSet<>();
        symbols.forEach(s -> set.add(s.trim().toUpperCase(Locale.ROOT)));
        return set;
    }

    /** The cross-section of the config's universe (and so its operator uid). */
    public static CrossSectionSpec crossSectionSpec(JobConfig config) {
        JobConfig.CrossSectionConfig cs = config.crossSection;
        Map<String, CrossSectionTransform> transforms = new HashMap<>();
        for (String factor : cs.weights.keySet()) {
            transforms.put(factor, CrossSectionTransform.parse(
                    cs.transforms.getOrDefault(factor, cs.transform)));
        }
        return new CrossSectionSpec(config.universe.name, config.universeInstruments(),
                cs.interval, cs.weights, TimeUtils.parseDuration(cs.maxWait), transforms);
    }

    private static StrategySpec strategySpec(JobConfig config) {
        JobConfig.Strategy s = config.strategy;
        return new StrategySpec(s.name, config.universe.name, config.crossSection.interval,
                s.grossLeverage, s.maxWeight, s.equity, Weightings.of(s.weighting));
    }
}
