package io.quantstream.kline;

import io.quantstream.model.Trade;
import io.quantstream.trade.TradeSequence;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Per source, before the {@code keyBy}: folds each instrument's trades into {@link TradeRun}s,
 * so the shuffle and the keyed {@link KlineAggregator} see one record per run instead of one per
 * trade. An instrument is a market and a symbol: spot and USD-M trades of one symbol have their
 * own runs and ids.
 *
 * <p>A trade extends its instrument's open run when it {@link TradeRun#continuesWith continues}
 * it; otherwise the open run is emitted and the trade starts a new open run, unless its ids are
 * not above every id this operator has seen of the instrument. Such a trade is a duplicate when it
 * repeats an id this operator emitted (dead letter {@code duplicate}, stage {@code klines},
 * counted in {@code duplicateTrades}), else an id arriving out of order, emitted at once as a
 * one-trade run. So the runs of one source never share an id, whatever order the keyed
 * aggregator sees them in (BATCH sorts them by timestamp), and duplicates within a source are
 * judged in source order in both modes. What was emitted of each instrument is kept as
 * {@link InstrumentIds} (one range per hole, at most {@link TradeSequence#MAX_PENDING}; beyond, the
 * lowest holes count as seen) in union operator state: after a restore, trades the source
 * repeats from before the checkpoint are duplicates here and the new ones start a new run.
 *
 * <p>Open runs are emitted before every watermark is forwarded (a run's trades are never behind
 * a watermark that passed them), when the input goes idle, before every checkpoint barrier (so
 * no open run is ever in a checkpoint) and at the end of input. Each run is stamped with its
 * latest trade time (epoch ms UTC). At the end of input (before the final watermark is forwarded)
 * the latest trade time the source read is sent once on {@link KlineStages#INPUT_END}: the keyed
 * aggregator closes every instrument's minutes up to the input's last one with it.
 *
 * <p>Trades are looked up by market, then symbol: no key is built per trade. Trades need a market
 * ({@code TradeStages.validate} rejects those without).
 */
public class KlinePreAggregator extends PreAggregation<Trade> {

    /** @param sizes thresholds of the runs' trade-size buckets */
    public KlinePreAggregator(TradeSizes sizes) {
        super(sizes);
    }

    /** A pre-aggregator with the {@link TradeSizes#defaults() default} trade-size buckets. */
    public KlinePreAggregator() {
        this(TradeSizes.defaults());
    }

    @Override
    public void processElement(StreamRecord<Trade> element) {
        add(element.getValue());
    }
}
