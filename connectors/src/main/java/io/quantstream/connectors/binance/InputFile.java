package io.quantstream.connectors.binance;

import io.quantstream.model.Market;

import java.io.Serializable;
import java.util.Objects;

/**
 * One Binance input file and what its name and folder say about its records. Made by {@link
 * BinanceFiles#discover}; read by {@link BinanceFileReader} and {@link BinanceFileSource}.
 */
public final class InputFile implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final RecordFormat format;
    private final String symbol;
    private final Market market;
    private final String interval;

    /**
     * @param path absolute file path
     * @param format line format
     * @param symbol upper-case symbol, or null when the records carry it (websocket captures)
     * @param market market, or null when unknown
     * @param interval kline interval label such as {@code 1m} (klines only), else null
     */
    public InputFile(
            String path, RecordFormat format, String symbol, Market market, String interval) {
        this.path = Objects.requireNonNull(path, "path");
        this.format = Objects.requireNonNull(format, "format");
        this.symbol = symbol;
        this.market = market;
        this.interval = interval;
    }

    /** Absolute file path. */
    public String path() {
        return path;
    }

    public RecordFormat format() {
        return format;
    }

    /** Upper-case symbol, or null when the records carry it. */
    public String symbol() {
        return symbol;
    }

    /** Market, or null when neither an override nor the folder names it. */
    public Market market() {
        return market;
    }

    /** Kline interval label (klines only), else null. */
    public String interval() {
        return interval;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InputFile)) {
            return false;
        }
        InputFile f = (InputFile) o;
        return path.equals(f.path) && format == f.format && Objects.equals(symbol, f.symbol)
                && market == f.market && Objects.equals(interval, f.interval);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path + " [" + format + " " + market + " " + symbol
                + (interval == null ? "" : " " + interval) + "]";
    }
}
