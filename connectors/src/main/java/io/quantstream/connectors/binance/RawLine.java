package io.quantstream.connectors.binance;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;

/**
 * One line of a Binance input file, with the file's metadata. Either {@link #text} is set (to be
 * decoded), or {@link #trade} is (an archive trade row the reader decoded from its bytes), or
 * {@link #error} is (the file could not be read further: this is then the file's last line).
 *
 * <p>A Flink POJO: public fields, no-arg constructor; serialized without Kryo.
 */
public class RawLine {
    /** File path the line came from. */
    public String origin;
    /** Physical line number in the (decompressed) file, 1-based. */
    public long lineNumber;
    /** Line format of the file. */
    public RecordFormat format;
    /** Upper-case symbol from the file, or null when the records carry it. */
    public String symbol;
    /** Market from the file, or null when unknown. */
    public Market market;
    /** Kline interval label (klines files only), else null. */
    public String interval;
    /** The line without its {@code \n} / {@code \r\n}; null when {@link #trade} or {@link #error} is set. */
    public String text;
    /** The trade of an archive trade row, decoded by the reader; else null. */
    public Trade trade;
    /** Read error ({@code ExceptionClass: message}) that ended the file; null normally. */
    public String error;

    public RawLine() {}

    /** Where the line came from, {@code path:line}, as used in dead letters. */
    public String location() {
        return origin + ":" + lineNumber;
    }

    @Override
    public String toString() {
        return location() + " " + (error != null ? "error " + error : trade != null ? trade : text);
    }
}
