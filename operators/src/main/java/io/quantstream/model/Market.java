package io.quantstream.model;

import java.util.Locale;

/** Binance market a symbol trades on; with the symbol it names an {@link Instrument}. */
public enum Market {
    /** Spot. */
    SPOT,
    /** USD-M perpetual and delivery futures (quote currency USDT/USDC). */
    USDM,
    /** COIN-M futures; quantities are contracts (100 USD for BTC, 10 USD otherwise). */
    COINM;

    /**
     * The lower-case name, as {@link #parse} reads it and as output folders are named:
     * {@code spot}, {@code usdm}, {@code coinm}.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code spot}, {@code usdm}/{@code um}, {@code coinm}/{@code cm}, case-insensitive.
     *
     * @throws IllegalArgumentException on any other text
     */
    public static Market parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "spot":
                return SPOT;
            case "usdm":
            case "um":
                return USDM;
            case "coinm":
            case "cm":
                return COINM;
            default:
                throw new IllegalArgumentException(
                        "unknown market '" + text + "' (expected spot, usdm or coinm)");
        }
    }
}
