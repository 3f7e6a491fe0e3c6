package io.quantstream.testing;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Builders for trades and klines in tests. */
public final class TestTrades {

    /** 2023-11-14T22:13:00Z, a minute boundary (epoch ms UTC). */
    public static final long T0 = 1_699_999_980_000L;
    public static final long MINUTE = 60_000L;

    private TestTrades() {}

    /** A one-raw-trade aggTrade with {@code aggTradeId = firstTradeId = lastTradeId = id}. */
    public static Trade trade(String symbol, long id, long time, String price, String qty,
            boolean buyerIsMaker) {
        return trade(symbol, id, id, id, time, price, qty, buyerIsMaker);
    }

    /** A spot aggTrade. */
    public static Trade trade(String symbol, long aggId, long first, long last, long time,
            String price, String qty, boolean buyerIsMaker) {
        return trade(Market.SPOT, symbol, aggId, first, last, time, price, qty, buyerIsMaker);
    }

    /** An aggTrade of {@code market}, {@code executionType} unset (as USD-M streams give it). */
    public static Trade trade(Market market, String symbol, long aggId, long first, long last,
            long time, String price, String qty, boolean buyerIsMaker) {
        Trade t = new Trade();
        t.symbol = symbol;
        t.market = market;
        t.aggTradeId = aggId;
        t.firstTradeId = first;
        t.lastTradeId = last;
        t.tradeTime = time;
        t.price = new BigDecimal(price);
        t.quantity = new BigDecimal(qty);
        t.buyerIsMaker = buyerIsMaker;
        return t;
    }

    /** A 1m kline opening at {@code openTime}; count 0 makes it an empty (fill) bar. */
    public static Kline minute(String symbol, long openTime, String open, String high, String low,
            String close, String volume, long count) {
        Kline k = new Kline();
        k.symbol = symbol;
        k.market = Market.SPOT;
        k.interval = "1m";
        k.openTime = openTime;
        k.closeTime = openTime + MINUTE - 1;
        k.open = new BigDecimal(open);
        k.high = new BigDecimal(high);
        k.low = new BigDecimal(low);
        k.close = new BigDecimal(close);
        k.volume = new BigDecimal(volume);
        k.quoteVolume = k.volume.multiply(k.close);
        k.count = count;
        k.takerBuyVolume = count == 0 ? BigDecimal.ZERO : k.volume;
        k.takerBuyQuoteVolume = count == 0 ? BigDecimal.ZERO : k.quoteVolume;
        return k;
    }

    /** Makes serializer creation fail on any Kryo fallback, like {@code pipeline.generic-types: false}. */
    public static void disableGenericTypes(AbstractStreamOperatorTestHarness<?> harness) {
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
    }
}
