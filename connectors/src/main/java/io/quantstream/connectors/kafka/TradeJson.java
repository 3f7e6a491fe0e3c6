package io.quantstream.connectors.kafka;

import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a {@code trades} value straight from the record's bytes, without Jackson's tree: the
 * fast path of {@link JsonRecords#TRADES}. It takes only one flat JSON object of the shape the
 * project writes (any field order and whitespace; strings without escapes and in ASCII; plain
 * numbers {@code -?(0|[1-9][0-9]*)(.[0-9]+)?} of at most {@value #SAFE_DIGITS} digits, decimals
 * for {@code price} and {@code quantity}, integers for the ids and the time; {@code true}/{@code
 * false} for {@code buyerIsMaker}; each field at most once, every primitive field present;
 * unknown fields with scalar values are ignored, as Jackson ignores them) and returns null for
 * anything else, which then goes Jackson's way: so a value decodes to the same trade either way
 * (decimals with the value and scale Jackson gives them with {@code USE_BIG_DECIMAL_FOR_FLOATS}),
 * and every bad value gets Jackson's dead letter and reason.
 *
 * <p>Why a parser of our own and not Jackson's streaming {@code JsonParser} (a library beats our
 * code outside the project's core, even a slower one, unless it misses a target): with the
 * streaming decoder of {@code benchmarks/…/StreamingTradeJson} as the fast path, {@code
 * bin/quantstream bench live --data /tmp/peerdata/d7 --measure throughput} gave 584,965, 629,910,
 * 610,042 and 583,597 trades per job CPU-second (load average 4–14), with this parser 793,072,
 * 775,165, 723,882 (load 7–17) and 673,470 (load 7–31), all exact (2026-12-01): Jackson's is
 * at the 500,000 of issue 9 without a margin. It allocates 880 bytes per value against 248 (a
 * parser, its context and buffers per value; JMH {@code bin/bench-jmh TradeJsonBenchmark -prof
 * gc}), 484 against 329 ns per value (data binding 1,093 ns, 2,387 bytes).
 */
final class TradeJson {

    /** Digits a long holds whatever they are ({@code 10^18 < Long.MAX_VALUE}). */
    static final int SAFE_DIGITS = 18;

    private static final int AGG_TRADE_ID = 1;
    private static final int FIRST_TRADE_ID = 1 << 1;
    private static final int LAST_TRADE_ID = 1 << 2;
    private static final int TRADE_TIME = 1 << 3;
    private static final int BUYER_IS_MAKER = 1 << 4;
    private static final int PRIMITIVES = (1 << 5) - 1;
    private static final int SYMBOL = 1 << 5;
    private static final int MARKET = 1 << 6;
    private static final int PRICE = 1 << 7;
    private static final int QUANTITY = 1 << 8;
    private static final int EXECUTION_TYPE = 1 << 9;

    private static final Market[] MARKETS = Market.values();

    private final byte[] b;
    private int at;
    /** Start and end of the string {@link #string} read last. */
    private int stringStart;
    private int stringEnd;
    /** Integer read last by {@link #number}, and its scale (−1 when it was not a number). */
    private long unscaled;
    private int scale;
    /** Whether the number read last had a decimal point. */
    private boolean fraction;

    private TradeJson(byte[] value) {
        this.b = value;
    }

    /** The trade of {@code value}, or null when it is not of the plain shape (class comment). */
    static Trade decode(byte[] value) {
        return new TradeJson(value).trade();
    }

    private Trade trade() {
        Trade t = new Trade();
        int seen = 0;
        space();
        if (!next('{')) {
            return null;
        }
        space();
        if (peek() == '}') {
            return null; // no primitive field: Jackson's missing-field
        }
        while (true) {
            space();
            if (!string()) {
                return null;
            }
            int field = field();
            space();
            if (!next(':')) {
                return null;
            }
            space();
            if ((seen & field) != 0) {
                return null; // a repeated field: Jackson's rules decide
            }
            seen |= field;
            switch (field) {
                case AGG_TRADE_ID:
                    if (!integer()) {
                        return null;
                    }
                    t.aggTradeId = unscaled;
                    break;
                case FIRST_TRADE_ID:
                    if (!integer()) {
                        return null;
                    }
                    t.firstTradeId = unscaled;
                    break;
                case LAST_TRADE_ID:
                    if (!integer()) {
                        return null;
                    }
                    t.lastTradeId = unscaled;
                    break;
                case TRADE_TIME:
                    if (!integer()) {
                        return null;
                    }
                    t.tradeTime = unscaled;
                    break;
                case BUYER_IS_MAKER:
                    if (literal("true")) {
                        t.buyerIsMaker = true;
                    } else if (!literal("false")) {
                        return null;
                    }
                    break;
                case PRICE:
                    if (!literal("null")) {
                        if (!number()) {
                            return null;
                        }
                        t.price = BigDecimal.valueOf(unscaled, scale);
                    }
                    break;
                case QUANTITY:
                    if (!literal("null")) {
                        if (!number()) {
                            return null;
                        }
                        t.quantity = BigDecimal.valueOf(unscaled, scale);
                    }
                    break;
                case SYMBOL:
                    if (!literal("null")) {
                        if (!string()) {
                            return null;
                        }
                        t.symbol = text();
                    }
                    break;
                case EXECUTION_TYPE:
                    if (!literal("null")) {
                        if (!string()) {
                            return null;
                        }
                        t.executionType = text();
                    }
                    break;
                case MARKET:
                    if (!literal("null")) {
                        if (!string() || (t.market = market()) == null) {
                            return null;
                        }
                    }
                    break;
                default:
                    if (!scalar()) {
                        return null;
                    }
            }
            space();
            if (next('}')) {
                break;
            }
            if (!next(',')) {
                return null;
            }
        }
        space();
        return at == b.length && (seen & PRIMITIVES) == PRIMITIVES ? t : null;
    }

    /** The field named by the string read last, or 0 for one a trade does not have. */
    private int field() {
        switch (stringEnd - stringStart) {
            case 5:
                return is("price") ? PRICE : 0;
            case 6:
                return is("symbol") ? SYMBOL : is("market") ? MARKET : 0;
            case 8:
                return is("quantity") ? QUANTITY : 0;
            case 9:
                return is("tradeTime") ? TRADE_TIME : 0;
            case 10:
                return is("aggTradeId") ? AGG_TRADE_ID : 0;
            case 11:
                return is("lastTradeId") ? LAST_TRADE_ID : 0;
            case 12:
                return is("firstTradeId") ? FIRST_TRADE_ID : is("buyerIsMaker") ? BUYER_IS_MAKER : 0;
            case 13:
                return is("executionType") ? EXECUTION_TYPE : 0;
            default:
                return 0;
        }
    }

    private boolean is(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (b[stringStart + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The market named exactly by the string read last, or null (then Jackson decides). */
    private Market market() {
        for (Market m : MARKETS) {
            if (stringEnd - stringStart == m.name().length() && is(m.name())) {
                return m;
            }
        }
        return null;
    }

    private String text() {
        return new String(b, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
    }

    /** A string without escapes and in ASCII; sets {@link #stringStart} and {@link #stringEnd}. */
    private boolean string() {
        if (!next('"')) {
            return false;
        }
        stringStart = at;
        while (at < b.length) {
            byte c = b[at];
            if (c == '"') {
                stringEnd = at++;
                return true;
            }
            if (c == '\\' || c < 0x20) { // escapes, control characters, non-ASCII (negative)
                return false;
            }
            at++;
        }
        return false;
    }

    /** A plain JSON integer of at most {@value #SAFE_DIGITS} digits into {@link #unscaled}. */
    private boolean integer() {
        return number() && scale == 0 && !fraction;
    }

    /** A plain JSON number ({@code -?(0|[1-9]\d*)(\.\d+)?}, ≤ 18 digits) into {@link #unscaled}, {@link #scale}. */
    private boolean number() {
        boolean negative = next('-');
        int start = at;
        long value = 0;
        while (at < b.length && b[at] >= '0' && b[at] <= '9') {
            value = value * 10 + (b[at++] - '0');
        }
        int digits = at - start;
        if (digits == 0 || (digits > 1 && b[start] == '0')) {
            return false;
        }
        scale = 0;
        fraction = next('.');
        if (fraction) {
            int point = at;
            while (at < b.length && b[at] >= '0' && b[at] <= '9') {
                value = value * 10 + (b[at++] - '0');
            }
            scale = at - point;
            if (scale == 0) {
                return false;
            }
            digits += scale;
        }
        if (digits > SAFE_DIGITS || (at < b.length && (b[at] == 'e' || b[at] == 'E'))) {
            return false;
        }
        unscaled = negative ? -value : value;
        return true;
    }

    /** A value of an unknown field: a string, number, {@code true}, {@code false} or {@code null}. */
    private boolean scalar() {
        byte c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        return literal("true") || literal("false") || literal("null");
    }

    private boolean literal(String word) {
        if (at + word.length() > b.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[at + i] != word.charAt(i)) {
                return false;
            }
        }
        int after = at + word.length();
        if (after < b.length && Character.isLetterOrDigit(b[after])) {
            return false;
        }
        at = after;
        return true;
    }

    private byte peek() {
        return at < b.length ? b[at] : 0;
    }

    private boolean next(char c) {
        if (at < b.length && b[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void space() {
        while (at < b.length && (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r')) {
            at++;
        }
    }
}
