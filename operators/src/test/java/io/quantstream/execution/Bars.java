package io.quantstream.execution;

import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Bars, targets and funding rates of USD-M test instruments, minute {@code i} after {@link #T0}. */
final class Bars {

    /** 2024-07-18T00:00:00Z, epoch ms. */
    static final long T0 = 1_721_260_800_000L;
    static final long MINUTE = 60_000L;

    private Bars() {}

    /** Open time of minute {@code i}. */
    static long open(int i) {
        return T0 + i * MINUTE;
    }

    /** Close time of minute {@code i}: the decision time of a target on that bar. */
    static long close(int i) {
        return open(i) + MINUTE - 1;
    }

    /** A traded USD-M 1m bar of minute {@code i}; high and low span open and close. */
    static Kline bar(String symbol, int i, String open, String close) {
        Kline k = new Kline();
        k.market = Market.USDM;
        k.symbol = symbol;
        k.interval = Interval.ONE_MINUTE.label();
        k.openTime = open(i);
        k.closeTime = close(i);
        k.open = new BigDecimal(open);
        k.close = new BigDecimal(close);
        k.high = k.open.max(k.close);
        k.low = k.open.min(k.close);
        k.volume = k.takerBuyVolume = BigDecimal.ONE;
        k.quoteVolume = k.takerBuyQuoteVolume = k.close;
        k.count = 1;
        return k;
    }

    /**
     * A USD-M mark-price 1m bar of minute {@code i}, as markPriceKlines have it: prices, no
     * volumes.
     */
    static Kline markPrice(String symbol, int i, String open, String close) {
        Kline k = bar(symbol, i, open, close);
        k.volume = k.takerBuyVolume = k.quoteVolume = k.takerBuyQuoteVolume = null;
        k.count = 0;
        return k;
    }

    /** A USD-M target of {@code reference} at {@code time}. */
    static TargetPosition target(String reference, String symbol, long time, double weight) {
        TargetPosition t = new TargetPosition();
        t.reference = reference;
        t.market = Market.USDM;
        t.symbol = symbol;
        t.time = time;
        t.weight = weight;
        t.quantity = BigDecimal.ZERO;
        return t;
    }

    /** A USD-M funding rate at {@code time}. */
    static FundingRate funding(String symbol, long time, String rate) {
        FundingRate f = new FundingRate();
        f.market = Market.USDM;
        f.symbol = symbol;
        f.calcTime = time;
        f.fundingIntervalHours = 8;
        f.lastFundingRate = new BigDecimal(rate);
        return f;
    }

    /**
     * A 1m strategy on USD-M instruments with leverage 1, equity 10000, a 2 % buffer, slippage
     * {@code slippageBps} and fee {@code feeBps}, no lot rules.
     */
    static ExecutionSpec spec(String name, String slippageBps, String feeBps, String... symbols) {
        return new ExecutionSpec(name, Interval.ONE_MINUTE, 1.0, new BigDecimal("10000"), 0.02,
                Map.of(Market.USDM, new MarketCosts(new BigDecimal(slippageBps), new BigDecimal(feeBps))),
                Map.of(), List.of(symbols).stream().map(s -> new Instrument(Market.USDM, s)).toList());
    }
}
