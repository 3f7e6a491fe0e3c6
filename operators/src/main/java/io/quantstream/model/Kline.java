package io.quantstream.model;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A final kline (candlestick) with Binance's field names and meanings: open is the first trade's
 * price by (time, trade id), close the last, volumes are exact sums. A minute without trades has
 * open = high = low = close = the previous close, zero volumes and count 0.
 *
 * <p>Source of the field rules: {@code ../shared/data/README.md} (checked against official
 * klines). Stream record timestamp: {@link #closeTime}. Serialized by {@link KlineSerializer}.
 */
@TypeInfo(KlineSerializer.Factory.class)
public class Kline {
    /** Exchange symbol, e.g. {@code BTCUSDT}. */
    public String symbol;
    /** Market the symbol trades on. */
    public Market market;
    /** Interval label, e.g. {@code 1m}, {@code 1h}. */
    public String interval;
    /** Epoch milliseconds UTC, a multiple of the interval length. */
    public long openTime;
    /** Epoch milliseconds UTC: {@code openTime + interval - 1}. */
    public long closeTime;
    /** Quote currency per unit of base currency. */
    public BigDecimal open;
    public BigDecimal high;
    public BigDecimal low;
    public BigDecimal close;
    /** Sum of trade quantities, base currency (COIN-M: contracts). */
    public BigDecimal volume;
    /**
     * Sum of price × quantity, quote currency. COIN-M: base asset volume, Σ contracts ×
     * contract size / price, 8 decimals, as Binance's column 7 ({@code CoinMarginedVolume}).
     */
    public BigDecimal quoteVolume;
    /** Number of raw trades (for aggTrades: sum of {@code lastTradeId - firstTradeId + 1}). */
    public long count;
    /** Volume of trades where the buyer was the taker. */
    public BigDecimal takerBuyVolume;
    /**
     * Quote volume of trades where the buyer was the taker. COIN-M: their base asset volume
     * (Binance's column 10), like {@link #quoteVolume}.
     */
    public BigDecimal takerBuyQuoteVolume;
    /**
     * Whether the bar's 1m bars do not cover its whole interval: a roll-up whose input starts or
     * ends inside it, or that misses minutes. Its values are those of the minutes it has; factors
     * skip it. 1m bars and klines read from files are never partial. Not a column of Binance's
     * kline CSV.
     */
    public boolean partial;
    /**
     * Statistics of the bar's trades beyond Binance's columns (VWAP, buy/sell and dollar volumes,
     * trade sizes), exact sums like the volumes; null when the bar was not made from trades of
     * every one of its minutes: klines read from kline files or Iceberg rows without them, their
     * roll-ups, COIN-M bars. Written as the extra columns after Binance's twelve.
     */
    public TradeStats tradeStats;

    public Kline() {}

    /** Whether this bar was filled for an interval without trades. */
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Kline)) {
            return false;
        }
        Kline k = (Kline) o;
        return openTime == k.openTime && closeTime == k.closeTime && count == k.count
                && partial == k.partial
                && Objects.equals(symbol, k.symbol) && market == k.market
                && Objects.equals(interval, k.interval)
                && same(open, k.open) && same(high, k.high) && same(low, k.low)
                && same(close, k.close) && same(volume, k.volume)
                && same(quoteVolume, k.quoteVolume) && same(takerBuyVolume, k.takerBuyVolume)
                && same(takerBuyQuoteVolume, k.takerBuyQuoteVolume)
                && Objects.equals(tradeStats, k.tradeStats);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, interval, openTime);
    }

    @Override
    public String toString() {
        return symbol + " " + interval + " " + openTime + " o=" + open + " h=" + high + " l=" + low
                + " c=" + close + " v=" + volume + " qv=" + quoteVolume + " n=" + count
                + " tbv=" + takerBuyVolume + " tbqv=" + takerBuyQuoteVolume
                + (partial ? " partial" : "") + (tradeStats == null ? "" : " " + tradeStats);
    }
}
