package io.quantstream.model;

import java.math.BigDecimal;

/** One symbol's combined cross-sectional score at a bar, with the bar's close price. */
public class SymbolScore {
    public String symbol;
    /** Weighted sum of the cross-sectional z-scores of the configured factors (dimensionless). */
    public double score;
    /** Close price of the bar, quote currency. */
    public BigDecimal close;

    public SymbolScore() {}

    public SymbolScore(String symbol, double score, BigDecimal close) {
        this.symbol = symbol;
        this.score = score;
        this.close = close;
    }

    @Override
    public String toString() {
        return symbol + "=" + score;
    }
}
