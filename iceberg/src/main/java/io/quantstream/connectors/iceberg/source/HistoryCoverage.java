package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.Instrument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Which instruments of a {@link HistoryRange} have 1m bars in {@code market.klines}, and from
 * when to when, from the data files' column statistics (no data file is read): a backtest checks
 * it before it starts, so a universe instrument that was never loaded is an error, not a
 * strategy that silently trades without it.
 *
 * @param spans per instrument with bars: the first open time and the last close time of its
 *     data files that overlap the range, clipped to it (epoch ms UTC)
 * @param missing instruments without any bar in the range
 */
public record HistoryCoverage(Map<Instrument, Span> spans, List<Instrument> missing) {

    /** Bars from {@code first} (an open time) to {@code last} (a close time), epoch ms UTC. */
    public record Span(long first, long last) {}

    /** Plans the scans of {@code range} in {@code catalog}'s {@code market.klines}. */
    public static HistoryCoverage of(Catalog catalog, HistoryRange range) {
        Table klines = catalog.loadTable(QuantstreamTables.KLINES.identifier());
        Types.NestedField open = klines.schema().findField("open_time");
        Types.NestedField close = klines.schema().findField("close_time");
        Map<Instrument, Span> spans = new LinkedHashMap<>();
        List<Instrument> missing = new ArrayList<>();
        for (Instrument instrument : range.instruments()) {
            List<Expression> filters = new HistoryRange(List.of(instrument), range.from(), range.to())
                    .klineFilters();
            TableScan scan = klines.newScan().includeColumnStats();
            for (Expression filter : filters) {
                scan = scan.filter(filter);
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
                for (FileScanTask task : tasks) {
                    DataFile file = task.file();
                    first = Math.min(first, millis(file.lowerBounds(), open));
                    last = Math.max(last, millis(file.upperBounds(), close));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot plan the scan of " + klines.name(), e);
            }
            if (first == Long.MAX_VALUE) {
                missing.add(instrument);
            } else {
                spans.put(instrument, new Span(Math.max(first, range.from()),
                        Math.min(last, range.to() - 1)));
            }
        }
        return new HistoryCoverage(spans, missing);
    }

    /** The earliest open time of the instruments' bars, epoch ms UTC. */
    public long first() {
        return spans.values().stream().mapToLong(Span::first).min().orElseThrow();
    }

    /** The latest close time of the instruments' bars, epoch ms UTC. */
    public long last() {
        return spans.values().stream().mapToLong(Span::last).max().orElseThrow();
    }

    private static long millis(Map<Integer, ByteBuffer> bounds, Types.NestedField field) {
        ByteBuffer bound = bounds == null ? null : bounds.get(field.fieldId());
        if (bound == null) {
            throw new IllegalStateException("a data file of market.klines has no statistics of "
                    + field.name() + " (write.metadata.metrics must keep them)");
        }
        long micros = Conversions.fromByteBuffer(field.type(), bound);
        return Math.floorDiv(micros, 1000L);
    }
}
