package io.quantstream.connectors.binance;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One archive CSV row, split on every comma (no quoting: Binance archive CSVs hold numbers and
 * booleans only), its fields read in place. Numbers are parsed from the row's text without a
 * substring per field: this runs once per archive trade, and substrings plus
 * {@code new BigDecimal(String)} were most of the decoding cost.
 *
 * <p>Decimals stay exact (DESIGN.md rule 6): a plain decimal of at most 18 digits becomes
 * {@code BigDecimal.valueOf(unscaled, scale)}, equal in value and scale to
 * {@code new BigDecimal(text)}; anything else (exponent, {@code +}, more digits) goes through
 * {@code new BigDecimal(String)}, as do integers through {@link Long#parseLong}.
 */
final class CsvRow {

    /** Digits a long holds whatever they are ({@code 10^18 < Long.MAX_VALUE}). */
    private static final int SAFE_DIGITS = 18;

    /** Room for the longest known row (klines: 12 fields) before growing. */
    private static final int TYPICAL_FIELDS = 12;

    private final String text;
    /** {@code ends[i]}: index of the comma after field i, or the text's length for the last. */
    private final int[] ends;
    /** Number of fields; {@code ends} may be longer (one pass, no counting pass first). */
    private final int size;

    CsvRow(String text) {
        this.text = text;
        int[] found = new int[TYPICAL_FIELDS];
        int count = 0;
        for (int at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) {
            if (count == found.length - 1) {
                found = Arrays.copyOf(found, found.length * 2);
            }
            found[count++] = at;
        }
        found[count++] = text.length();
        ends = found;
        size = count;
    }

    /** Number of fields (at least 1). */
    int size() {
        return size;
    }

    /** Field {@code i} as text. */
    String field(int i) {
        return text.substring(start(i), ends[i]);
    }

    /** Field {@code i} as a long ({@link Long#parseLong} syntax). */
    long longField(int i, String name) throws BadLineException {
        int start = start(i);
        int end = ends[i];
        if (end > start && end - start <= SAFE_DIGITS) {
            long value = 0;
            int at = start;
            while (at < end) {
                int digit = text.charAt(at) - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
                at++;
            }
            if (at == end) {
                return value;
            }
        }
        String value = field(i);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadLineException("bad-number", name + ": '" + value + "' is not an integer");
        }
    }

    /** Field {@code i} as an exact decimal ({@link BigDecimal#BigDecimal(String)} syntax). */
    BigDecimal decimalField(int i, String name) throws BadLineException {
        int start = start(i);
        int end = ends[i];
        boolean negative = end > start && text.charAt(start) == '-';
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        int at = negative ? start + 1 : start;
        for (; at < end; at++) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (point) {
                    scale++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (at == end && digits > 0 && digits <= SAFE_DIGITS) {
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        }
        String value = field(i);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadLineException("bad-number", name + ": '" + value + "' is not a decimal");
        }
    }

    /** Field {@code i} as {@code true} or {@code false}, any case. */
    boolean booleanField(int i, String name) throws BadLineException {
        int start = start(i);
        int length = ends[i] - start;
        // exact lower case first: the archives' spelling, and cheaper than ignoring case
        if (length == 4 && (text.startsWith("true", start)
                || text.regionMatches(true, start, "true", 0, 4))) {
            return true;
        }
        if (length == 5 && (text.startsWith("false", start)
                || text.regionMatches(true, start, "false", 0, 5))) {
            return false;
        }
        throw new BadLineException("bad-boolean", name + ": '" + field(i) + "' is not true/false");
    }

    private int start(int i) {
        return i == 0 ? 0 : ends[i - 1] + 1;
    }
}
