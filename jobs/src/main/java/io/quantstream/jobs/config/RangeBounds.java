package io.quantstream.jobs.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code backtest.from} and {@code backtest.to} (and the backtest command's {@code --from},
 * {@code --to}) as epoch ms UTC: a day ({@code 2026-02-01}) or a month ({@code 2026-02}) covers
 * it whole, so {@code --from 2026-02-01 --to 2026-02-14} is fourteen days; an instant
 * ({@code 2026-02-14T07:00:00Z}, an offset or none for UTC, seconds optional) is a bound to the
 * millisecond: bars open at or after {@code from} and close before {@code to}.
 */
public final class RangeBounds {

    private RangeBounds() {}

    /**
     * The range's start, inclusive; {@link Long#MIN_VALUE} for a blank text (no start).
     *
     * @throws IllegalArgumentException when the text is neither a day, a month nor an instant
     */
    public static long from(String text) {
        if (text == null || text.isBlank()) {
            return Long.MIN_VALUE;
        }
        return parse(text.trim(), false);
    }

    /**
     * The range's end, exclusive: the instant, or the start of the day (month) after the one
     * named; {@link Long#MAX_VALUE} for a blank text (no end).
     *
     * @throws IllegalArgumentException when the text is neither a day, a month nor an instant
     */
    public static long to(String text) {
        if (text == null || text.isBlank()) {
            return Long.MAX_VALUE;
        }
        return parse(text.trim(), true);
    }

    private static long parse(String text, boolean end) {
        try {
            if (text.contains("T")) {
                return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")
                        ? OffsetDateTime.parse(text).toInstant().toEpochMilli()
                        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (text.length() == 7) {
                YearMonth month = YearMonth.parse(text);
                return millis((end ? month.plusMonths(1) : month).atDay(1));
            }
            LocalDate day = LocalDate.parse(text);
            return millis(end ? day.plusDays(1) : day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a day (2026-02-01), a"
                    + " month (2026-02) nor an instant (2026-02-14T07:00:00Z)");
        }
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
