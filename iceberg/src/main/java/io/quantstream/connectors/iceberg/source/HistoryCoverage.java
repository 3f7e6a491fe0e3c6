package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.ColumnTypes;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.Instrument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Which instruments of a {@link HistoryRange} have 1m bars in {@code market.klines} (or trades
 * in {@code market.trades}: {@link #ofTrades}), from when to when and whether every minute has
 * its bar, from the data files' statistics (no data file is read), whether the range's funding
 * times are all in the first minute of an hour, and which
 * instruments have mark-price bars in {@code market.mark_price_klines}: a backtest checks it
 * before it starts, so a universe instrument that was never loaded is an error, not a strategy
 * that silently trades without it.
 *
 * @param spans per instrument with bars: the first open time and the last close time of its
 *     data files that overlap the range, clipped to it (epoch ms UTC)
 * @param missing instruments without any bar in the range
 * @param fundingInFirstMinutes every funding time of the range's instruments in it is within
 *     the first minute of an hour (Binance's are a few ms after it)
 * @param markPrices instruments with a data file of 1m mark-price bars overlapping the range
 */
public record HistoryCoverage(Map<Instrument, Span> spans, List<Instrument> missing,
        boolean fundingInFirstMinutes, List<Instrument> markPrices) {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;

    /**
     * Bars from {@code first} (an open time) to {@code last} (a close time), epoch ms UTC;
     * {@code everyMinute}: its data files hold one bar for every minute from their first to
     * their last, and each file starts the minute after the one before it ends (so the range
     * has no missing minute from {@code first} to {@code last}).
     */
    public record Span(long first, long last, boolean everyMinute) {}

    /**
     * Plans the scans of {@code range} in {@code catalog}'s {@code market.klines} and
     * {@code market.mark_price_klines}.
     */
    public static HistoryCoverage of(Catalog catalog, HistoryRange range) {
        Table klines = catalog.loadTable(QuantstreamTables.KLINES.identifier());
        Map<Instrument, Span> spans = new LinkedHashMap<>();
        List<Instrument> missing = new ArrayList<>();
        for (Instrument instrument : range.instruments()) {
            List<long[]> files = files(klines, "open_time", one(range, instrument).klineFilters());
            if (files.isEmpty()) {
                missing.add(instrument);
                continue;
            }
            files.sort(Comparator.comparingLong(f -> f[0]));
            boolean everyMinute = true;
            for (int i = 0; i < files.size(); i++) {
                long[] f = files.get(i);
                everyMinute &= (f[1] - f[0]) / MINUTE + 1 == f[2]
                        && (i == 0 || f[0] == files.get(i - 1)[1] + MINUTE);
            }
            long first = files.get(0)[0];
            long last = files.get(files.size() - 1)[1] + MINUTE - 1;
            spans.put(instrument, new Span(Math.max(first, range.from()),
                    Math.min(last, range.to() - 1), everyMinute));
        }
        return new HistoryCoverage(spans, missing, fundingInFirstMinutes(catalog, range),
                markPrices(catalog, range));
    }

    /**
     * Plans the scans of {@code range} in {@code catalog}'s {@code market.trades} and
     * {@code market.mark_price_klines}: the bars a backtest makes of the trades. Each instrument's
     * span starts at the minute of its first trade and, as the kline stage closes every
     * instrument's minutes up to the input's last one, every span ends at the close of the
     * minute of the range's latest trade (clipped to the range), with a bar every minute. From
     * the data files' statistics of {@code trade_time}: exact for files of one instrument (what
     * the history loader writes).
     */
    public static HistoryCoverage ofTrades(Catalog catalog, HistoryRange range) {
        Table trades = catalog.loadTable(QuantstreamTables.TRADES.identifier());
        Map<Instrument, long[]> times = new LinkedHashMap<>();
        List<Instrument> missing = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        for (Instrument instrument : range.instruments()) {
            List<long[]> files = files(trades, "trade_time", one(range, instrument).tradeFilters());
            if (files.isEmpty()) {
                missing.add(instrument);
                continue;
            }
            long first = files.stream().mapToLong(f -> f[0]).min().orElseThrow();
            long last = files.stream().mapToLong(f -> f[1]).max().orElseThrow();
            times.put(instrument, new long[] {Math.max(first, range.from()), Math.min(last, range.to() - 1)});
            latest = Math.max(latest, times.get(instrument)[1]);
        }
        Map<Instrument, Span> spans = new LinkedHashMap<>();
        if (!times.isEmpty()) {
            long end = Math.min(Math.floorDiv(latest, MINUTE) * MINUTE + MINUTE - 1, range.to() - 1);
            times.forEach((instrument, t) ->
                    spans.put(instrument, new Span(Math.floorDiv(t[0], MINUTE) * MINUTE, end, true)));
        }
        return new HistoryCoverage(spans, missing, fundingInFirstMinutes(catalog, range),
                markPrices(catalog, range));
    }

    private static HistoryRange one(HistoryRange range, Instrument instrument) {
        return new HistoryRange(List.of(instrument), range.from(), range.to());
    }

    private static List<Instrument> markPrices(Catalog catalog, HistoryRange range) {
        Table marks = catalog.loadTable(QuantstreamTables.MARK_PRICE_KLINES.identifier());
        List<Instrument> markPrices = new ArrayList<>();
        for (Instrument instrument : range.instruments()) {
            if (!files(marks, "open_time", one(range, instrument).klineFilters()).isEmpty()) {
                markPrices.add(instrument);
            }
        }
        return markPrices;
    }

    /**
     * The data files of {@code table} with rows matching {@code filters}: lowest and highest
     * {@code column} (a time, from the file statistics, epoch ms UTC) and rows of each.
     */
    private static List<long[]> files(Table table, String column, List<Expression> filters) {
        Types.NestedField time = table.schema().findField(column);
        TableScan scan = table.newScan().includeColumnStats();
        for (Expression filter : filters) {
            scan = scan.filter(filter);
        }
        List<long[]> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                files.add(new long[] {millis(table, file.lowerBounds(), time),
                        millis(table, file.upperBounds(), time), file.recordCount()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan the scan of " + table.name(), e);
        }
        return files;
    }

    private static boolean fundingInFirstMinutes(Catalog catalog, HistoryRange range) {
        Table funding = catalog.loadTable(QuantstreamTables.FUNDING_RATES.identifier());
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(funding).select("calc_time");
        for (Expression filter : range.fundingFilters()) {
            scan = scan.where(filter);
        }
        try (CloseableIterable<Record> rows = scan.build()) {
            for (Record row : rows) {
                if (ColumnTypes.epochMillis((OffsetDateTime) row.getField("calc_time")) % HOUR >= MINUTE) {
                    return false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + funding.name(), e);
        }
        return true;
    }

    /**
     * Whether every instrument has a bar for every minute of its span, every span ends at the
     * last close of all or at a multiple of {@code period} (epoch ms), and the funding times are
     * in the first minutes of hours: what a backtest needs to feed its execution only the bars
     * its account reads.
     */
    public boolean everyMinute(long period) {
        long end = last();
        return fundingInFirstMinutes && missing.isEmpty() && spans.values().stream().allMatch(s ->
                s.everyMinute() && (s.last() == end || (s.last() + 1) % period == 0));
    }

    /** The earliest open time of the instruments' bars, epoch ms UTC. */
    public long first() {
        return spans.values().stream().mapToLong(Span::first).min().orElseThrow();
    }

    /** The latest close time of the instruments' bars, epoch ms UTC. */
    public long last() {
        return spans.values().stream().mapToLong(Span::last).max().orElseThrow();
    }

    private static long millis(Table table, Map<Integer, ByteBuffer> bounds, Types.NestedField field) {
        ByteBuffer bound = bounds == null ? null : bounds.get(field.fieldId());
        if (bound == null) {
            throw new IllegalStateException("a data file of " + table.name() + " has no statistics of "
                    + field.name() + " (write.metadata.metrics must keep them)");
        }
        long micros = Conversions.fromByteBuffer(field.type(), bound);
        return Math.floorDiv(micros, 1000L);
    }
}
