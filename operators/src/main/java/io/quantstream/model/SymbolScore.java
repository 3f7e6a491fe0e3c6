package io.quantstream.model;

import java.math.BigDecimal;

/** One instrument's combined cross-sectional score at a bar, with the bar's close price. */
public class SymbolScore {
    public Market market;
    public String symbol;
    /**
     * Weighted sum of the configured factors' cross-sectional transforms (z-scores unless
     * configured otherwise, see {@code CrossSectionTransform}); dimensionless for every transform
     * but {@code demean} and {@code raw}.
     */
    public double score;
    /** Close price of the bar, quote currency. */
    public BigDecimal close;

    public SymbolScore() {}

    public SymbolScore(Market market, String symbol, double score, BigDecimal close) {
        this.market = market;
        this.symbol = symbol;
        this.score = score;
        this.close = close;
    }

    /** The instrument's key, {@code MARKET:SYMBOL} ({@link Instrument#key}). */
    public String instrument() {
        return Instrument.key(market, symbol);
    }

    @Override
    public String toString() {
        return instrument() + "=" + score;
    }
}
