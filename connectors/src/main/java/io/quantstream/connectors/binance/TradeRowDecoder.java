package io.quantstream.connectors.binance;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import java.math.BigDecimal;

/**
 * Decodes an archive aggTrades or trades CSV row straight from the file's bytes, without a
 * {@code String} or a field index per line: the fast path of {@link BinanceFileReader}. It takes
 * only rows of the plain shape Binance writes (ASCII digits, at most one {@code .} and a leading
 * {@code -} in decimals, lower-case {@code true}/{@code false}, the expected field count, at most
 * {@value #SAFE_DIGITS} digits per number) and returns null for anything else, which then goes
 * the text path ({@link BinanceLineParser}): so a row decodes to the same trade either way, and
 * every bad row gets the text path's dead letter and reason.
 *
 * <p>Decimals become {@code BigDecimal.valueOf(unscaled, scale)}: the value and scale
 * {@code new BigDecimal(text)} gives (exact, DESIGN.md rule 6). Timestamps in µs (spot files from
 * 2025-01-01) become ms ({@link Timestamps}).
 */
final class TradeRowDecoder {

    /** Digits a long holds whatever they are ({@code 10^18 < Long.MAX_VALUE}). */
    static final int SAFE_DIGITS = 18;

    private byte[] bytes;
    private int at;
    private int end;
    /** Whether the row is {@code bytes[at, end)} exactly; else it ends at a line end before {@code end}. */
    private boolean wholeRow;
    /** Whether the field read last was the row's last. */
    private boolean ended;
    private long aggTradeId;
    private long firstTradeId;
    private long lastTradeId;
    private long tradeTime;
    private long price;
    private int priceScale;
    private long quantity;
    private int quantityScale;
    private boolean buyerIsMaker;
    /** Unscaled value and scale of the decimal {@link #decimal()} read last. */
    private long unscaled;
    private int scale;

    /**
     * The trade of row {@code bytes[start, end)} (no line end) of a file of {@code format}, or
     * null when the row is not of the plain shape (see the class comment) or the format holds no
     * trades. Not thread-safe: one decoder per reader.
     */
    Trade decode(RecordFormat format, byte[] bytes, int start, int end, String symbol,
            Market market) {
        if (!read(format, bytes, start, end, true)) {
            return null;
        }
        Trade t = new Trade();
        t.symbol = symbol;
        t.market = market;
        t.aggTradeId = aggTradeId;
        t.firstTradeId = firstTradeId;
        t.lastTradeId = lastTradeId;
        t.tradeTime = tradeTime;
        t.price = BigDecimal.valueOf(price, priceScale);
        t.quantity = BigDecimal.valueOf(quantity, quantityScale);
        t.buyerIsMaker = buyerIsMaker;
        return t;
    }

    /**
     * Appends the trade of the row to {@code batch} as a plain row ({@link TradeBatch#addPlain}),
     * or returns false (nothing appended) where {@link #decode} would return null.
     */
    boolean decodeInto(TradeBatch batch, RecordFormat format, byte[] bytes, int start, int end) {
        if (!read(format, bytes, start, end, true)) {
            return false;
        }
        batch.addPlain(aggTradeId, firstTradeId, lastTradeId, tradeTime, price, priceScale,
                quantity, quantityScale, buyerIsMaker);
        return true;
    }

    /**
     * {@link #decodeInto} of the row that starts at {@code bytes[start]} and ends at the first
     * {@code \n} (or {@code \r\n}) before {@code limit}, found while decoding: the reader's
     * buffer needs no separate scan for the line end.
     *
     * @return the index after the row's line end, or −1 (nothing appended) when the row is not of
     *     the plain shape or does not end before {@code limit}
     */
    int decodeRowInto(TradeBatch batch, RecordFormat format, byte[] bytes, int start, int limit) {
        if (!read(format, bytes, start, limit, false)) {
            return -1;
        }
        batch.addPlain(aggTradeId, firstTradeId, lastTradeId, tradeTime, price, priceScale,
                quantity, quantityScale, buyerIsMaker);
        return at;
    }

    private boolean read(RecordFormat format, byte[] bytes, int start, int end, boolean wholeRow) {
        this.bytes = bytes;
        this.at = start;
        this.end = end;
        this.wholeRow = wholeRow;
        this.ended = false;
        boolean read = format == RecordFormat.AGG_TRADES_CSV ? aggTrade()
                : format == RecordFormat.TRADES_CSV && trade();
        this.bytes = null;
        return read;
    }

    /**
     * {@code agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]}
     * from {@link #at}: the fields of {@link #trade()}'s grammar (integers of 1 to 18 digits,
     * plain decimals, lower-case booleans) in one method on locals, every loop written out. The
     * file source's hot path, and C1 (which compiles {@code klines}) inlines no method longer
     * than 35 bytecodes: a call per field, and the fields it reads and writes, were a third of
     * the reader's CPU.
     */
    private boolean aggTrade() {
        byte[] b = bytes;
        int i = at;
        int limit = end;
        int digit;
        int start = i;
        long id = 0;
        while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
            id = id * 10 + digit;
            i++;
        }
        if (i == start || i - start > SAFE_DIGITS || i >= limit || b[i] != ',') {
            return false;
        }
        start = ++i;
        boolean negative = i < limit && b[i] == '-';
        if (negative) {
            start = ++i;
        }
        long p = 0;
        while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
            p = p * 10 + digit;
            i++;
        }
        int digits = i - start;
        int ps = 0;
        if (i < limit && b[i] == '.') {
            start = ++i;
            while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
                p = p * 10 + digit;
                i++;
            }
            ps = i - start;
        }
        if (digits + ps == 0 || digits + ps > SAFE_DIGITS || i >= limit || b[i] != ',') {
            return false;
        }
        p = negative ? -p : p;
        start = ++i;
        negative = i < limit && b[i] == '-';
        if (negative) {
            start = ++i;
        }
        long q = 0;
        while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
            q = q * 10 + digit;
            i++;
        }
        digits = i - start;
        int qs = 0;
        if (i < limit && b[i] == '.') {
            start = ++i;
            while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
                q = q * 10 + digit;
                i++;
            }
            qs = i - start;
        }
        if (digits + qs == 0 || digits + qs > SAFE_DIGITS || i >= limit || b[i] != ',') {
            return false;
        }
        q = negative ? -q : q;
        start = ++i;
        long first = 0;
        while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
            first = first * 10 + digit;
            i++;
        }
        if (i == start || i - start > SAFE_DIGITS || i >= limit || b[i] != ',') {
            return false;
        }
        start = ++i;
        long last = 0;
        while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
            last = last * 10 + digit;
            i++;
        }
        if (i == start || i - start > SAFE_DIGITS || i >= limit || b[i] != ',') {
            return false;
        }
        start = ++i;
        long time = 0;
        while (i < limit && (digit = b[i] - '0') >= 0 && digit <= 9) {
            time = time * 10 + digit;
            i++;
        }
        if (i == start || i - start > SAFE_DIGITS || i >= limit || b[i] != ',') {
            return false;
        }
        i++;
        boolean maker;
        if (i + 4 <= limit && b[i] == 't' && b[i + 1] == 'r' && b[i + 2] == 'u' && b[i + 3] == 'e') {
            maker = true;
            i += 4;
        } else if (i + 5 <= limit && b[i] == 'f' && b[i + 1] == 'a' && b[i + 2] == 'l'
                && b[i + 3] == 's' && b[i + 4] == 'e') {
            maker = false;
            i += 5;
        } else {
            return false;
        }
        if (i < limit && b[i] == ',') { // is_best_match
            i++;
            if (i + 4 <= limit && b[i] == 't' && b[i + 1] == 'r' && b[i + 2] == 'u'
                    && b[i + 3] == 'e') {
                i += 4;
            } else if (i + 5 <= limit && b[i] == 'f' && b[i + 1] == 'a' && b[i + 2] == 'l'
                    && b[i + 3] == 's' && b[i + 4] == 'e') {
                i += 5;
            } else {
                return false;
            }
        }
        if (wholeRow) {
            if (i != limit) {
                return false;
            }
        } else if (i < limit && b[i] == '\n') {
            i++;
        } else if (i + 1 < limit && b[i] == '\r' && b[i + 1] == '\n') {
            i += 2;
        } else {
            return false;
        }
        at = i;
        aggTradeId = id;
        price = p;
        priceScale = ps;
        quantity = q;
        quantityScale = qs;
        firstTradeId = first;
        lastTradeId = last;
        tradeTime = Timestamps.toMillis(time);
        buyerIsMaker = maker;
        return true;
    }

    /** {@code id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]}; the id fills all three ids. */
    private boolean trade() {
        if ((aggTradeId = integer()) < 0 || ended || !priceAndQuantity()) {
            return false;
        }
        if (!decimal() || ended || (tradeTime = integer()) < 0 || ended) {
            return false;
        }
        firstTradeId = lastTradeId = aggTradeId;
        tradeTime = Timestamps.toMillis(tradeTime);
        return flags();
    }

    /** The price and quantity fields, with more fields after them. */
    private boolean priceAndQuantity() {
        if (!decimal() || ended) {
            return false;
        }
        price = unscaled;
        priceScale = scale;
        if (!decimal() || ended) {
            return false;
        }
        quantity = unscaled;
        quantityScale = scale;
        return true;
    }

    /** {@code is_buyer_maker[,is_best_match]} and the end of the row. */
    private boolean flags() {
        int maker = bool();
        if (maker < 0 || (!ended && (bool() < 0 || !ended))) {
            return false;
        }
        buyerIsMaker = maker == 1;
        return true;
    }

    /**
     * Past the separator after a field: a comma (more fields follow) or the row's end
     * ({@link #ended}); false on any other byte, or when a row in a buffer runs past its end.
     */
    private boolean separator() {
        if (at < end) {
            byte c = bytes[at];
            if (c == ',') {
                at++;
                return true;
            }
            if (!wholeRow && c == '\n') {
                at++;
                ended = true;
                return true;
            }
            if (!wholeRow && c == '\r' && at + 1 < end && bytes[at + 1] == '\n') {
                at += 2;
                ended = true;
                return true;
            }
            return false;
        }
        ended = wholeRow;
        return wholeRow;
    }

    /**
     * The next field as a non-negative integer of 1 to 18 digits, or −1. The loops over digits
     * here and in {@link #decimal} work on locals, not fields: C1, which compiles {@code klines},
     * keeps locals in registers but reads and writes a field at every use (the digit loops were
     * ~60 % of the reader's CPU).
     */
    private long integer() {
        byte[] b = bytes;
        int i = at;
        int limit = end;
        long value = 0;
        while (i < limit) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        int digits = i - at;
        at = i;
        return digits > 0 && digits <= SAFE_DIGITS && separator() ? value : -1;
    }

    /** The next field as a plain decimal of 1 to 18 digits into {@link #unscaled} and {@link #scale}. */
    private boolean decimal() {
        byte[] bytes = this.bytes;
        int i = at;
        int limit = end;
        boolean negative = i < limit && bytes[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        int decimals = 0;
        boolean point = false;
        while (i < limit) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits++;
                if (point) {
                    decimals++;
                }
            } else if (b == '.' && !point) {
                point = true;
            } else {
                break;
            }
            i++;
        }
        at = i;
        if (digits == 0 || digits > SAFE_DIGITS || !separator()) {
            return false;
        }
        unscaled = negative ? -value : value;
        scale = decimals;
        return true;
    }

    /** The next field: 1 for {@code true}, 0 for {@code false}, −1 for anything else. */
    private int bool() {
        int value;
        if (at + 4 <= end && bytes[at] == 't' && bytes[at + 1] == 'r' && bytes[at + 2] == 'u'
                && bytes[at + 3] == 'e') {
            at += 4;
            value = 1;
        } else if (at + 5 <= end && bytes[at] == 'f' && bytes[at + 1] == 'a'
                && bytes[at + 2] == 'l' && bytes[at + 3] == 's' && bytes[at + 4] == 'e') {
            at += 5;
            value = 0;
        } else {
            return -1;
        }
        return separator() ? value : -1;
    }
}
