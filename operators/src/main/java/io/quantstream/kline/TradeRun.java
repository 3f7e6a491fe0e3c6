package io.quantstream.kline;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The partial 1m kline of a run of trades of one instrument (market and symbol) that arrived one
 * after the other from one source, id-contiguous (each trade's {@code firstTradeId} is the
 * previous {@code lastTradeId + 1}) and in one minute. Non-market trades
 * ({@link Trade#isMarketTrade()} false) take part in the id range but not in the bar, so their
 * ids count as seen and are never reported as a gap; a run of only such trades has an empty bar
 * ({@code bar.open == null}). Built by {@link KlinePreAggregator} so the keyed
 * {@link KlineAggregator} handles one record per run instead of one per trade; its id range is
 * judged (duplicate, gap) as a whole, its {@link #bar} merged into the minute's bar.
 *
 * <p>The record type of the shuffle to the keyed aggregator, serialized by
 * {@link TradeRunSerializer}.
 */
@TypeInfo(TradeRunSerializer.Factory.class)
public class TradeRun {
    /** Exchange symbol, upper case. */
    public String symbol;
    /** Market of every trade in the run. */
    public Market market;
    /** First raw trade id of the run's first trade. */
    public long firstTradeId;
    /** Last raw trade id of the run's last trade. */
    public long lastTradeId;
    /** Trade time of the run's first trade (the one holding {@link #firstTradeId}), epoch ms UTC. */
    public long firstTime;
    /** Trade time of the run's last trade (the one holding {@link #lastTradeId}), epoch ms UTC. */
    public long lastTime;
    /** Number of aggTrades in the run (≥ 1), non-market ones included. */
    public int trades;
    /** Latest trade time in the run, epoch ms UTC: the run's record timestamp. */
    public long latestTime = Long.MIN_VALUE;
    /**
     * The run's values as one bar: minute open time, open and close by (time, aggTradeId) rank,
     * so {@code bar.openRankTime} and {@code bar.closeRankTime} are the run's min and max trade
     * time; high, low, exact sums and the trades' {@link io.quantstream.model.TradeStats}
     * (spot, USD-M), so the keyed aggregator merges them as exactly as the volumes.
     */
    public KlineAccumulator bar;
    /**
     * While the run is open (in {@link KlinePreAggregator}): its market trades so far, as scaled
     * longs, until {@link #seal()} adds them to {@link #bar}; null when the run adds every trade
     * to {@link #bar} directly. Not serialized (transient): a sealed run has none.
     */
    transient ScaledBar scaled;
    /**
     * Open time of the run's minute and its last millisecond (epoch ms UTC, saturated at
     * {@code Long.MAX_VALUE}), set by {@link #open}: {@link #continuesWith} compares a trade's
     * time with them instead of dividing it per trade. Not serialized.
     */
    private transient long minuteStart;
    private transient long minuteLast;

    public TradeRun() {}

    /** A run of the one trade {@code t}, its size bucketed by {@code sizes}. */
    static TradeRun of(Trade t, TradeSizes sizes) {
        TradeRun run = empty(t.market, t.symbol, t.firstTradeId, t.tradeTime, false);
        run.add(t, sizes);
        return run;
    }

    /** A run without trades yet, of the minute of {@code firstTime}; {@code scaled}: see {@link #open}. */
    private static TradeRun empty(Market market, String symbol, long firstTradeId, long firstTime,
            boolean scaled) {
        TradeRun run = new TradeRun();
        run.symbol = symbol;
        run.market = market;
        run.firstTradeId = firstTradeId;
        run.firstTime = firstTime;
        long minute = minuteOf(firstTime);
        run.bar = new KlineAccumulator(minute);
        run.minuteStart = minute;
        run.minuteLast = minute > Long.MAX_VALUE - (KlineAggregator.MINUTE - 1) ? Long.MAX_VALUE
                : minute + (KlineAggregator.MINUTE - 1);
        if (scaled && market != Market.COINM) {
            run.scaled = new ScaledBar();
        }
        return run;
    }

    /**
     * An open run of the one trade {@code t} that accumulates spot and USD-M trades as scaled
     * longs ({@link ScaledBar}, the same bar without {@code BigDecimal} arithmetic per trade);
     * {@link #seal()} it before it leaves the operator.
     */
    static TradeRun open(Trade t, TradeSizes sizes) {
        TradeRun run = empty(t.market, t.symbol, t.firstTradeId, t.tradeTime, true);
        run.add(t, sizes);
        return run;
    }

    /**
     * {@link #open(Trade, TradeSizes)} of plain row {@code i} of {@code batch} (a market trade
     * of the batch's instrument, valid).
     */
    static TradeRun open(TradeBatch batch, int i, TradeSizes sizes) {
        TradeRun run = empty(batch.market, batch.symbol, batch.firstTradeIds[i],
                batch.tradeTimes[i], true);
        run.add(batch, i, sizes);
        return run;
    }

    /**
     * Whether a trade of ids from {@code firstTradeId} at {@code tradeTime} continues this run
     * (one built by {@link #of} or {@link #open}): the next ids, the same minute.
     */
    boolean continuesWith(long firstTradeId, long tradeTime) {
        return firstTradeId == lastTradeId + 1 && tradeTime >= minuteStart
                && tradeTime <= minuteLast;
    }

    /** Appends plain row {@code i} of {@code batch}, which {@link #continuesWith continues} the run. */
    void add(TradeBatch batch, int i, TradeSizes sizes) {
        long time = batch.tradeTimes[i];
        lastTradeId = batch.lastTradeIds[i];
        lastTime = time;
        latestTime = Math.max(latestTime, time);
        trades++;
        if (scaled != null) {
            if (scaled.add(batch.prices[i], batch.priceScales[i], batch.quantities[i],
                    batch.quantityScales[i], time, batch.aggTradeIds[i],
                    batch.lastTradeIds[i] - batch.firstTradeIds[i] + 1, !batch.buyerIsMaker[i], sizes)) {
                return;
            }
            seal();
        }
        bar.add(batch.trade(i), sizes);
    }

    /** Adds the trades held as scaled longs to {@link #bar}; the run is then as {@link #of} builds it. */
    TradeRun seal() {
        if (scaled != null) {
            scaled.addTo(bar);
            scaled = null;
        }
        return this;
    }

    /** Whether {@code t} (same instrument) continues this run: same minute, next ids. */
    boolean continuesWith(Trade t) {
        return continuesWith(t.firstTradeId, t.tradeTime);
    }

    /** Appends {@code t}, which {@link #continuesWith continues} the run. */
    void add(Trade t, TradeSizes sizes) {
        lastTradeId = t.lastTradeId;
        lastTime = t.tradeTime;
        latestTime = Math.max(latestTime, t.tradeTime);
        trades++;
        if (t.isMarketTrade()) {
            if (scaled != null) {
                if (scaled.add(t.price, t.quantity, t.tradeTime, t.aggTradeId, t.tradeCount(),
                        !t.buyerIsMaker, sizes)) {
                    return;
                }
                // a value a long cannot hold: the rest of the run in BigDecimals, in order
                seal();
            }
            bar.add(t, sizes);
        }
    }

    /** Latest trade time in the run, epoch ms UTC: the run's record timestamp. */
    long maxTime() {
        return latestTime;
    }

    /**
     * Where the run came from: market, symbol and the aggTradeIds of its first and last market
     * trade (raw trade ids when it has none).
     */
    String origin() {
        String ids = bar.open == null ? "[" + firstTradeId + ".." + lastTradeId + "]"
                : trades == 1 ? String.valueOf(bar.openRankId)
                : bar.openRankId + ".." + bar.closeRankId;
        return market + ":" + symbol + "#" + ids;
    }

    /** Trade times are checked to lie in [2009, 2100) before a run opens, so this cannot overflow. */
    static long minuteOf(long time) {
        return Math.floorDiv(time, KlineAggregator.MINUTE) * KlineAggregator.MINUTE;
    }

    @Override
    public String toString() {
        return market + ":" + symbol + "[" + firstTradeId + ".." + lastTradeId + "] " + trades + " aggTrades, "
                + bar.count + " trades, volume " + bar.volume + " @" + bar.openRankTime + ".."
                + bar.closeRankTime;
    }
}
