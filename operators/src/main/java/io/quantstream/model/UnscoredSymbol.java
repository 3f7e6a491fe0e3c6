package io.quantstream.model;

import java.math.BigDecimal;

/**
 * An instrument of a universe that reported a factor vector for a bar but got no score, and why.
 * Its target weight at that bar is 0 (see {@link TargetPosition#reason}).
 */
public class UnscoredSymbol {
    /**
     * Reason: a weighted factor is warm but not finite at this bar: undefined there (e.g.
     * {@code taker_buy_ratio} on a bar without volume).
     */
    public static final String FACTOR_NOT_FINITE = "factor-not-finite";
    /**
     * Reason: a weighted factor is still warming up at this bar (fewer bars than its warm-up,
     * named in the vector's {@link FactorVector#warmingUp}).
     */
    public static final String FACTOR_NOT_WARM = "factor-not-warm";

    public Market market;
    public String symbol;
    /** Why the instrument has no score: {@link #FACTOR_NOT_WARM} or {@link #FACTOR_NOT_FINITE}. */
    public String reason;
    /** Close price of the bar, quote currency. */
    public BigDecimal close;

    public UnscoredSymbol() {}

    public UnscoredSymbol(Market market, String symbol, String reason, BigDecimal close) {
        this.market = market;
        this.symbol = symbol;
        this.reason = reason;
        this.close = close;
    }

    /** The instrument's key, {@code MARKET:SYMBOL} ({@link Instrument#key}). */
    public String instrument() {
        return Instrument.key(market, symbol);
    }

    @Override
    public String toString() {
        return instrument() + ":" + reason;
    }
}
