package io.quantstream.connectors.binance;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Trade;

/**
 * Decodes a {@link RawLine} by its file's {@link RecordFormat}; pure and Flink-free, for tools,
 * tests and {@link BinanceDecoder}.
 *
 * <pre>{@code
 * DecodeResult r = BinanceLineParser.parse(line);
 * if (r.kind() == DecodeResult.Kind.TRADE) { use(r.trade()); }
 * }</pre>
 *
 * <ul>
 *   <li>websocket lines: trade and aggTrade messages become trades; other streams are {@code
 *       SKIPPED} (see {@code WsMessageParser});
 *   <li>archive CSV: a header row is allowed only as line 1 (its first field is not a number) and
 *       is {@code HEADER}; rows become trades or klines, timestamps in epoch ms UTC even where
 *       the file prints microseconds (spot files from 2025-01-01, {@code ../shared/data/README.md}).
 * </ul>
 *
 * <p>Errors never throw: a line that cannot be decoded, or a read error ({@link RawLine#error}),
 * gives a {@link DeadLetter} of stage {@code decode} with a reason ({@code read-error}, {@code
 * malformed}, {@code field-count}, {@code bad-number}, {@code bad-boolean}, {@code missing-field}),
 * a detail, origin {@code path:line} and the raw text. Only syntax is checked; business rules
 * (positive prices, id order) are a later stage's.
 */
public final class BinanceLineParser {

    /** Stage name written into dead letters. */
    public static final String STAGE = "decode";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private BinanceLineParser() {}

    /** Decodes one line; never throws for bad input. */
    public static DecodeResult parse(RawLine line) {
        if (line.trade != null) {
            return DecodeResult.trade(line.trade);
        }
        if (line.error != null) {
            return DecodeResult.deadLetter(deadLetter(line, "read-error", line.error));
        }
        if (line.text == null || line.format == null) {
            return DecodeResult.deadLetter(deadLetter(line, "malformed", "no text or no format"));
        }
        try {
            if (line.format == RecordFormat.WS_JSON) {
                Trade trade = WsMessageParser.parse(line.text, line.market);
                return trade == null ? DecodeResult.skipped() : DecodeResult.trade(trade);
            }
            return parseCsv(line);
        } catch (BadLineException e) {
            return DecodeResult.deadLetter(deadLetter(line, e.reason(), e.getMessage()));
        }
    }

    private static DecodeResult parseCsv(RawLine line) throws BadLineException {
        String text = line.text;
        if (line.lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        CsvRow fields = new CsvRow(text);
        if (line.lineNumber == 1 && ArchiveCsvParser.isHeader(fields.field(0))) {
            return DecodeResult.header();
        }
        switch (line.format) {
            case AGG_TRADES_CSV:
                return DecodeResult.trade(ArchiveCsvParser.aggTrade(fields, line));
            case TRADES_CSV:
                return DecodeResult.trade(ArchiveCsvParser.trade(fields, line));
            case KLINES_CSV:
                return DecodeResult.kline(ArchiveCsvParser.kline(fields, line));
            case FUNDING_RATE_CSV:
                return DecodeResult.fundingRate(ArchiveCsvParser.fundingRate(fields, line));
            default:
                throw new IllegalStateException("unexpected format " + line.format);
        }
    }

    private static DeadLetter deadLetter(RawLine line, String reason, String detail) {
        return DeadLetter.of(STAGE, reason, detail, line.location(), line.text, Long.MIN_VALUE);
    }
}
