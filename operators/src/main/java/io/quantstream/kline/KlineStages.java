package io.quantstream.kline;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeGap;
import io.quantstream.trade.TradeBatch;
import io.quantstream.trade.TradeCheck;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Stages from trades to klines.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<TradeRun> runs = KlineStages.preAggregate(validTrades, "binance-ws");
 * SingleOutputStreamOperator<Kline> oneMinute = KlineStages.aggregate(runs,
 *         runs.getSideOutput(KlineStages.INPUT_END), Duration.ofSeconds(2), Duration.ofSeconds(2));
 * DataStream<TradeGap> gaps = oneMinute.getSideOutput(KlineStages.TRADE_GAPS);
 * SingleOutputStreamOperator<Kline> all =
 *         KlineStages.rollUp(oneMinute, Interval.parseList("1m,5m,1h"));
 * }</pre>
 *
 * <p>Both stages give the same output in BATCH and STREAMING (DESIGN.md rule 2) as long as trades
 * arrive no more out of order than the allowed lateness and the reorder tolerance; their output
 * records are stamped with the kline's close time (epoch ms UTC).
 */
public final class KlineStages {

    /** Stable operator uid of {@link #aggregate}. */
    public static final String AGGREGATE_UID = "kline-aggregate-1m";
    /** Stable operator uid of {@link #rollUp}. */
    public static final String ROLLUP_UID = "kline-rollup";

    /** Holes in an instrument's trade ids, reported once per hole. */
    public static final OutputTag<TradeGap> TRADE_GAPS =
            new OutputTag<>("trade-gaps", TypeInformation.of(TradeGap.class));

    /**
     * The latest trade time (epoch ms UTC) a source read, sent once by {@link #preAggregate} when
     * its input ends: {@link #aggregate} closes every instrument's minutes up to the input's
     * last one.
     */
    public static final OutputTag<Long> INPUT_END = new OutputTag<>("input-end", Types.LONG);

    private static final Duration MAX_WAIT = Duration.ofDays(1);

    private KlineStages() {}

    /**
     * Runs of one source's valid trades (see {@code TradeStages.validate}) folded into partial 1m
     * klines ({@link KlinePreAggregator}), before the {@code keyBy} of {@link #aggregate}: one
     * record per run of id-contiguous trades of an instrument in one minute, cut at every
     * watermark and checkpoint. Runs at the parallelism of {@code validTrades}, so it chains to
     * the validation and keeps each instrument's trades in source order; checkpoints the ids it
     * emitted per instrument. Trades repeating ids of the same source (also across a restore) go to
     * {@link DeadLetters#TAG} (stage {@code klines}, reason {@code duplicate}); the source's
     * latest trade time goes to {@link #INPUT_END} when its input ends.
     *
     * @param sourceId stable name of the source, part of the operator uid
     * @param sizes thresholds of the trade-size buckets of the bars' {@code TradeStats}
     */
    public static SingleOutputStreamOperator<TradeRun> preAggregate(
            DataStream<Trade> validTrades, String sourceId, TradeSizes sizes) {
        return validTrades
                .transform("Pre-aggregate 1m runs " + sourceId,
                        TypeInformation.of(TradeRun.class), new KlinePreAggregator(sizes))
                .uid("kline-pre-aggregate-" + sourceId)
                .setParallelism(validTrades.getParallelism());
    }

    /**
     * {@code TradeStages.validate} and {@link #preAggregate(DataStream, String, TradeSizes)} of the
     * trades of one file source's {@link TradeBatch}es in one operator
     * ({@link TradeBatchPreAggregator}, uid {@code kline-pre-aggregate-<sourceId>}), at the
     * parallelism of {@code batches}, chained to the source: the same runs and
     * {@link #INPUT_END}; in {@link DeadLetters#TAG} the lines that did not decode (stage
     * {@code decode}), the rejected trades (stage {@code validate}) and the duplicates (stage
     * {@code klines}); non-market trades in {@code TradeStages.NON_MARKET_TRADES}.
     *
     * @param check the rules of {@code TradeStages.validate}
     * @param sourceId stable name of the source, part of the operator uid
     * @param sizes thresholds of the trade-size buckets of the bars' {@code TradeStats}
     */
    public static SingleOutputStreamOperator<TradeRun> preAggregateBatches(
            DataStream<TradeBatch> batches, TradeCheck check, String sourceId, TradeSizes sizes) {
        return batches
                .transform("Validate and pre-aggregate 1m runs " + sourceId,
                        TypeInformation.of(TradeRun.class), new TradeBatchPreAggregator(check, sizes))
                .uid("kline-pre-aggregate-" + sourceId)
                .setParallelism(batches.getParallelism());
    }

    /** {@link #preAggregate(DataStream, String, TradeSizes)} with the default trade sizes. */
    public static SingleOutputStreamOperator<TradeRun> preAggregate(
            DataStream<Trade> validTrades, String sourceId) {
        return preAggregate(validTrades, sourceId, TradeSizes.defaults());
    }

    /**
     * Final 1m klines of trade runs (from {@link #preAggregate}, one call per source), keyed by
     * instrument ({@link #instrument(TradeRun)}), one fused operator ({@link KlineAggregator}):
     * duplicates dropped, id gaps reported on {@link #TRADE_GAPS}, minutes without trades after
     * an instrument's first trade emitted as empty bars once closed (by the watermark, or by the
     * end of the input's time range). Duplicate, late and overlapping runs go to
     * {@link DeadLetters#TAG} (stage {@code klines}); an instrument's trades must come from one
     * source.
     *
     * @param runs the union of every source's {@link #preAggregate} output
     * @param inputEnds the union of every source's {@link #INPUT_END} side output; broadcast to
     *     the aggregator (in BATCH it is read before the keyed runs)
     * @param allowedLateness how long (event time) after its close time a bar waits for trades;
     *     the output watermark trails the input by as much
     * @param reorderTolerance how long (event time) a trade id may arrive after a higher one
     *     before the hole is reported as a gap (keep at least the source's out-of-orderness)
     * @param contractSizes USD per COIN-M contract, for the base asset volumes of COIN-M bars
     *     ({@link CoinMarginedVolume})
     * @throws IllegalArgumentException if a duration is negative or over a day
     */
    public static SingleOutputStreamOperator<Kline> aggregate(DataStream<TradeRun> runs,
            DataStream<Long> inputEnds, Duration allowedLateness, Duration reorderTolerance,
            ContractSizes contractSizes) {
        return runs
                .keyBy(KlineStages::instrument, Types.STRING)
                .connect(inputEnds.broadcast())
                .transform("Aggregate 1m klines", TypeInformation.of(Kline.class),
                        new KlineAggregator(millis(allowedLateness), millis(reorderTolerance),
                                contractSizes))
                .uid(AGGREGATE_UID);
    }

    /**
     * {@link #aggregate(DataStream, DataStream, Duration, Duration, ContractSizes)} with
     * Binance's default COIN-M contract sizes.
     */
    public static SingleOutputStreamOperator<Kline> aggregate(DataStream<TradeRun> runs,
            DataStream<Long> inputEnds, Duration allowedLateness, Duration reorderTolerance) {
        return aggregate(runs, inputEnds, allowedLateness, reorderTolerance,
                ContractSizes.defaults());
    }

    /**
     * The 1m klines (when {@code intervals} contains 1m) and their roll-ups to every other
     * interval in {@code intervals}, keyed by instrument ({@link #instrument(Kline)},
     * {@link KlineRollUp}). Input: 1m klines in open-time order per instrument, from
     * {@link #aggregate} or from official kline files.
     */
    public static SingleOutputStreamOperator<Kline> rollUp(
            DataStream<Kline> oneMinute, List<Interval> intervals) {
        return oneMinute
                .keyBy(KlineStages::instrument, Types.STRING)
                .transform("Roll up klines " + intervals, TypeInformation.of(Kline.class),
                        new KlineRollUp(intervals))
                .uid(ROLLUP_UID);
    }

    /**
     * Key of {@link #aggregate}: the run's instrument, {@code MARKET:SYMBOL}
     * ({@link Instrument#key}). Savepoints of versions keyed by symbol do not restore into it.
     */
    static String instrument(TradeRun run) {
        return Instrument.key(run.market, run.symbol);
    }

    /** Key of {@link #rollUp}: the kline's instrument, {@code MARKET:SYMBOL}. */
    static String instrument(Kline kline) {
        return Instrument.key(kline.market, kline.symbol);
    }

    private static long millis(Duration duration) {
        if (duration.isNegative() || duration.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException(
                    "duration " + duration + " must be between 0 and " + MAX_WAIT);
        }
        return duration.toMillis();
    }
}
