package io.quantstream.connectors.iceberg.source;

import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Market;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The history a backtest reads: the 1m bars of {@link #instruments} that open at or after
 * {@link #from} and close before {@link #to} (or their trades with a trade time in
 * {@code [from, to)}), and their funding rates with a funding time in {@code [from, to)}. So a
 * range cut at a bar boundary {@code t} holds exactly the bars the
 * full range has before {@code t}.
 *
 * @param instruments the instruments, at least one
 * @param from epoch ms UTC, inclusive; {@link Long#MIN_VALUE}: from the first bar in the table
 * @param to epoch ms UTC, exclusive; {@link Long#MAX_VALUE}: to the last bar in the table
 */
public record HistoryRange(List<Instrument> instruments, long from, long to) implements Serializable {

    /** @throws IllegalArgumentException without instruments, or when {@code from ≥ to} */
    public HistoryRange {
        if (instruments == null || instruments.isEmpty()) {
            throw new IllegalArgumentException("a history range needs at least one instrument");
        }
        if (from >= to) {
            throw new IllegalArgumentException("the range's start " + instant(from)
                    + " is not before its end " + instant(to));
        }
        instruments = List.copyOf(instruments);
    }

    /** Whether the range has a start ({@link #from} is not {@link Long#MIN_VALUE}). */
    public boolean hasStart() {
        return from != Long.MIN_VALUE;
    }

    /** Whether the range has an end ({@link #to} is not {@link Long#MAX_VALUE}). */
    public boolean hasEnd() {
        return to != Long.MAX_VALUE;
    }

    /** Rows of {@code market.klines}: the range's 1m bars. */
    List<Expression> klineFilters() {
        List<Expression> filters = within("open_time", "close_time");
        filters.add(Expressions.equal("interval", Interval.ONE_MINUTE.label()));
        return filters;
    }

    /** Rows of {@code market.trades}: trade times in the range. */
    List<Expression> tradeFilters() {
        return within("trade_time", "trade_time");
    }

    /** Rows of {@code market.funding_rates}: funding times in the range. */
    List<Expression> fundingFilters() {
        return within("calc_time", "calc_time");
    }

    /** The instruments, {@code start ≥ from} and {@code end < to} (time columns). */
    private List<Expression> within(String start, String end) {
        List<Expression> filters = new ArrayList<>();
        filters.add(instrumentFilter(instruments));
        if (hasStart()) {
            filters.add(Expressions.greaterThanOrEqual(start, micros(from)));
        }
        if (hasEnd()) {
            filters.add(Expressions.lessThan(end, micros(to)));
        }
        return filters;
    }

    /** {@code (market = M1 AND symbol IN (…)) OR (market = M2 AND …)}. */
    static Expression instrumentFilter(List<Instrument> instruments) {
        Map<Market, List<String>> symbols = new TreeMap<>();
        instruments.forEach(i -> symbols.computeIfAbsent(i.market(), m -> new ArrayList<>()).add(i.symbol()));
        Expression any = Expressions.alwaysFalse();
        for (Map.Entry<Market, List<String>> market : symbols.entrySet()) {
            any = Expressions.or(any, Expressions.and(
                    Expressions.equal("market", market.getKey().name()),
                    Expressions.in("symbol", market.getValue().toArray())));
        }
        return any;
    }

    /** An Iceberg timestamp literal: a long is microseconds. */
    private static long micros(long epochMillis) {
        return Math.multiplyExact(epochMillis, 1000L);
    }

    private static String instant(long epochMillis) {
        return epochMillis == Long.MIN_VALUE ? "(no start)"
                : epochMillis == Long.MAX_VALUE ? "(no end)" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
