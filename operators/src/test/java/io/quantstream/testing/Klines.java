package io.quantstream.testing;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.math.BigDecimal;

/** Synthetic klines for tests. */
public final class Klines {

    /** 2024-07-18T00:00:00Z, epoch ms. */
    public static final long T0 = 1_721_260_800_000L;
    public static final long MINUTE = 60_000L;

    private Klines() {}

    /**
     * A traded 1m USD-M bar number {@code i} after {@link #T0}: open = high = low = close, volume
     * 10, quote volume {@code vwap × 10}, taker buy volume 4.
     */
    public static Kline bar(String symbol, int i, String close, String vwap) {
        Kline k = empty(symbol, i, close);
        k.count = 5;
        k.volume = new BigDecimal("10");
        k.quoteVolume = new BigDecimal(vwap).multiply(k.volume);
        k.takerBuyVolume = new BigDecimal("4");
        k.takerBuyQuoteVolume = k.takerBuyVolume.multiply(new BigDecimal(vwap));
        return k;
    }

    /** A traded bar whose vwap equals its close. */
    public static Kline bar(String symbol, int i, String close) {
        return bar(symbol, i, close, close);
    }

    /** A gap-filled 1m bar: no trades, all prices = {@code close}, zero volumes. */
    public static Kline empty(String symbol, int i, String close) {
        Kline k = new Kline();
        k.symbol = symbol;
        k.market = Market.USDM;
        k.interval = "1m";
        k.openTime = T0 + i * MINUTE;
        k.closeTime = k.openTime + MINUTE - 1;
        k.open = k.high = k.low = k.close = new BigDecimal(close);
        k.volume = k.quoteVolume = k.takerBuyVolume = k.takerBuyQuoteVolume = BigDecimal.ZERO;
        k.count = 0;
        return k;
    }
}
