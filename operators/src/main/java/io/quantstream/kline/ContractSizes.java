package io.quantstream.kline;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The size of a COIN-M contract, USD per contract, by symbol: what turns COIN-M quantities
 * (contracts) into base asset volume ({@link CoinMarginedVolume}).
 *
 * <pre>{@code
 * ContractSizes sizes = new ContractSizes(Map.of("ETHUSD_PERP", new BigDecimal("10")));
 * sizes.of("BTCUSD_PERP");   // 100 (default of the BTCUSD pair)
 * }</pre>
 *
 * <p>Lookup: the symbol ({@code BTCUSD_PERP}), else its pair (the part before the first
 * {@code _}, {@code BTCUSD}, which names every delivery of the pair too), else Binance's
 * defaults: 100 USD for the {@code BTCUSD} pair, 10 USD for every other one. Binance's
 * {@code GET /dapi/v1/exchangeInfo} gives the real value per symbol ({@code contractSize}); set
 * the ones that differ.
 *
 * @param sizes symbol or pair (upper case) → USD per contract; kept sorted
 */
public record ContractSizes(Map<String, BigDecimal> sizes) implements Serializable {

    /** USD per contract of the {@code BTCUSD} pair's symbols, unless configured. */
    public static final BigDecimal BTC_DEFAULT = new BigDecimal("100");
    /** USD per contract of every other pair's symbols, unless configured. */
    public static final BigDecimal OTHER_DEFAULT = new BigDecimal("10");

    private static final String BTC_PAIR = "BTCUSD";

    /**
     * @throws IllegalArgumentException on a blank or lower-case key, or a size that is not
     *     positive
     */
    public ContractSizes {
        sizes = sizes == null ? Map.of() : new TreeMap<>(sizes);
        sizes.forEach((symbol, size) -> {
            if (symbol == null || symbol.isBlank()
                    || !symbol.equals(symbol.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("contract size key '" + symbol
                        + "' must be an upper-case symbol or pair, e.g. BTCUSD_PERP or BTCUSD");
            }
            if (size == null || size.signum() <= 0) {
                throw new IllegalArgumentException("contract size of " + symbol
                        + " must be a positive number of USD, got " + size);
            }
        });
    }

    /** Binance's defaults only. */
    public static ContractSizes defaults() {
        return new ContractSizes(Map.of());
    }

    /** USD per contract of {@code symbol} (upper case, e.g. {@code BTCUSD_PERP}). */
    public BigDecimal of(String symbol) {
        BigDecimal size = sizes.get(symbol);
        if (size != null) {
            return size;
        }
        int underscore = symbol.indexOf('_');
        String pair = underscore < 0 ? symbol : symbol.substring(0, underscore);
        size = sizes.get(pair);
        if (size != null) {
            return size;
        }
        return BTC_PAIR.equals(pair) ? BTC_DEFAULT : OTHER_DEFAULT;
    }
}
