package io.quantstream.kline;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;
import java.math.BigDecimal;

/**
 * The running values of one open kline, from trades ({@link #add(Trade)}), from other
 * accumulators of the same bar ({@link #merge}) or from 1m klines ({@link #add(Kline)});
 * order-independent: open and close are chosen by rank (trade time, then
 * aggTradeId; or the 1m bar's open time), not by arrival. Sums are exact {@code BigDecimal}s
 * (DESIGN.md rule 6). A Flink POJO kept in keyed state.
 *
 * <p>COIN-M trades add {@code contracts / price} to the quote volumes instead of
 * {@code price × quantity} ({@link CoinMarginedVolume}): the keyed aggregator multiplies the
 * final 1m bar by the symbol's contract size. 1m klines added to a bigger bar carry their final
 * base asset volume already.
 *
 * <p>{@link #tradeStats}: the bar's {@link TradeStats}, kept while every input had them (spot
 * and USD-M trades; 1m klines made from trades), null as soon as one input has none (COIN-M
 * trades, klines read from kline files, or a bar restored from state written before trade
 * statistics existed): a bar never carries the statistics of only some of its trades.
 */
public class KlineAccumulator {

    /** Bar open time, epoch ms UTC. */
    public long openTime;
    /** Price of the lowest-ranked input, quote currency. */
    public BigDecimal open;
    public long openRankTime;
    public long openRankId;
    /** Price of the highest-ranked input, quote currency. */
    public BigDecimal close;
    public long closeRankTime;
    public long closeRankId;
    public BigDecimal high;
    public BigDecimal low;
    public BigDecimal volume = BigDecimal.ZERO;
    /** Σ price × quantity; from COIN-M trades Σ contracts / price (see the class comment). */
    public BigDecimal quoteVolume = BigDecimal.ZERO;
    public long count;
    public BigDecimal takerBuyVolume = BigDecimal.ZERO;
    public BigDecimal takerBuyQuoteVolume = BigDecimal.ZERO;
    /** Number of 1m klines added ({@link #add(Kline)}), fills included; 0 for trades. */
    public long minutes;
    /** Statistics of every input so far, or null (see the class comment). */
    public TradeStats tradeStats;

    public KlineAccumulator() {}

    KlineAccumulator(long openTime) {
        this.openTime = openTime;
    }

    /**
     * Adds one aggTrade (Binance kline rules, {@code ../shared/data/README.md}; COIN-M:
     * {@link CoinMarginedVolume}).
     */
    void add(Trade t, TradeSizes sizes) {
        BigDecimal price = t.price;
        BigDecimal notional = price.multiply(t.quantity);
        if (open == null) {
            tradeStats = t.market == Market.COINM ? null : new TradeStats();
            open = close = high = low = price;
            openRankTime = closeRankTime = t.tradeTime;
            openRankId = closeRankId = t.aggTradeId;
        } else {
            if (before(t.tradeTime, t.aggTradeId, openRankTime, openRankId)) {
                open = price;
                openRankTime = t.tradeTime;
                openRankId = t.aggTradeId;
            }
            if (before(closeRankTime, closeRankId, t.tradeTime, t.aggTradeId)) {
                close = price;
                closeRankTime = t.tradeTime;
                closeRankId = t.aggTradeId;
            }
            if (price.compareTo(high) > 0) {
                high = price;
            }
            if (price.compareTo(low) < 0) {
                low = price;
            }
        }
        BigDecimal quote = t.market == Market.COINM
                ? CoinMarginedVolume.perUsd(t.quantity, price) : notional;
        if (tradeStats != null) {
            tradeStats.add(t.quantity, notional, t.tradeCount(), !t.buyerIsMaker,
                    sizes.bucketOf(notional));
        }
        volume = volume.add(t.quantity);
        quoteVolume = quoteVolume.add(quote);
        count += t.tradeCount();
        if (!t.buyerIsMaker) {
            takerBuyVolume = takerBuyVolume.add(t.quantity);
            takerBuyQuoteVolume = takerBuyQuoteVolume.add(quote);
        }
    }

    /**
     * Adds the trades {@code other} holds (a partial bar of the same open time, e.g. a
     * {@link TradeRun}'s): open and close by rank, high and low by price, sums added, so the
     * result does not depend on how the trades were split or in which order parts arrive.
     */
    void merge(KlineAccumulator other) {
        if (other.open == null) {
            return;
        }
        if (open == null) {
            tradeStats = other.tradeStats == null ? null : other.tradeStats.copy();
        } else {
            tradeStats = sum(tradeStats, other.tradeStats);
        }
        if (open == null) {
            open = other.open;
            openRankTime = other.openRankTime;
            openRankId = other.openRankId;
            close = other.close;
            closeRankTime = other.closeRankTime;
            closeRankId = other.closeRankId;
            high = other.high;
            low = other.low;
        } else {
            if (before(other.openRankTime, other.openRankId, openRankTime, openRankId)) {
                open = other.open;
                openRankTime = other.openRankTime;
                openRankId = other.openRankId;
            }
            if (before(closeRankTime, closeRankId, other.closeRankTime, other.closeRankId)) {
                close = other.close;
                closeRankTime = other.closeRankTime;
                closeRankId = other.closeRankId;
            }
            high = high.max(other.high);
            low = low.min(other.low);
        }
        volume = volume.add(other.volume);
        quoteVolume = quoteVolume.add(other.quoteVolume);
        count += other.count;
        takerBuyVolume = takerBuyVolume.add(other.takerBuyVolume);
        takerBuyQuoteVolume = takerBuyQuoteVolume.add(other.takerBuyQuoteVolume);
    }

    /**
     * Adds a 1m kline. Empty 1m bars (count 0, open = high = low = close = previous close) only
     * shape a bar that has no trade at all: a bigger bar built from trades would not see the
     * previous close, so its open, high and low come from its bars with trades only.
     */
    void add(Kline k) {
        boolean fresh = open == null;
        if (minutes == 0) {
            tradeStats = k.tradeStats == null ? null : k.tradeStats.copy();
        } else {
            tradeStats = sum(tradeStats, k.tradeStats);
        }
        if (k.count > 0 && (fresh || count == 0)) {
            open = k.open;
            high = k.high;
            low = k.low;
            close = k.close;
            openRankTime = closeRankTime = k.openTime;
        } else if (k.count > 0) {
            if (k.openTime < openRankTime) {
                open = k.open;
                openRankTime = k.openTime;
            }
            if (k.openTime > closeRankTime) {
                close = k.close;
                closeRankTime = k.openTime;
            }
            high = high.max(k.high);
            low = low.min(k.low);
        } else if (fresh) {
            open = high = low = close = k.close;
            openRankTime = closeRankTime = k.openTime;
        }
        volume = volume.add(k.volume);
        quoteVolume = quoteVolume.add(k.quoteVolume);
        count += k.count;
        takerBuyVolume = takerBuyVolume.add(k.takerBuyVolume);
        takerBuyQuoteVolume = takerBuyQuoteVolume.add(k.takerBuyQuoteVolume);
        minutes++;
    }

    /** The final kline of this bar, {@code closeTime} = open time + {@code intervalMillis} − 1. */
    Kline toKline(String symbol, Market market, String interval, long intervalMillis) {
        Kline k = new Kline();
        k.symbol = symbol;
        k.market = market;
        k.interval = interval;
        k.openTime = openTime;
        k.closeTime = openTime + intervalMillis - 1;
        k.open = open;
        k.high = high;
        k.low = low;
        k.close = close;
        k.volume = volume;
        k.quoteVolume = quoteVolume;
        k.count = count;
        k.takerBuyVolume = takerBuyVolume;
        k.takerBuyQuoteVolume = takerBuyQuoteVolume;
        k.tradeStats = tradeStats == null ? null : tradeStats.copy();
        return k;
    }

    /** {@code bar} plus {@code more}, or null when either is missing. */
    private static TradeStats sum(TradeStats bar, TradeStats more) {
        if (bar == null || more == null) {
            return null;
        }
        bar.add(more);
        return bar;
    }

    /**
     * A kline for an interval without trades: every price the previous close, no volume; zero
     * {@link TradeStats} except on COIN-M (whose trades have none).
     */
    static Kline empty(String symbol, Market market, String interval, long openTime,
            long intervalMillis, BigDecimal previousClose) {
        KlineAccumulator fill = new KlineAccumulator(openTime);
        fill.open = fill.high = fill.low = fill.close = previousClose;
        fill.tradeStats = market == Market.COINM ? null : new TradeStats();
        return fill.toKline(symbol, market, interval, intervalMillis);
    }

    private static boolean before(long time, long id, long otherTime, long otherId) {
        return time < otherTime || (time == otherTime && id < otherId);
    }
}
