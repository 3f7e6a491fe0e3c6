package io.quantstream.connectors.iceberg.source;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.source.split.IcebergSourceSplit;
import org.apache.iceberg.flink.source.split.SerializableComparator;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * The order in which {@link HistorySources#trades} reads the splits of {@code market.trades}:
 * by the data file's lowest market, symbol and {@code agg_trade_id} (its column statistics),
 * then by position in the file, then by split id. A file the history loader wrote holds one
 * instrument's trades of one archive file in id order, so reading the splits in this order gives
 * each instrument's trades in id order, as the file job reads an instrument's files in date order.
 * Every split must be one range of one file (no combined splits): {@link #compare} throws an
 * {@link IllegalStateException} on a combined split, and on a data file without statistics of
 * those columns ({@code write.metadata.metrics} must keep them).
 */
final class TradeSplitOrder implements SerializableComparator<IcebergSourceSplit> {

    private static final long serialVersionUID = 1L;

    private static final Comparator<FileScanTask> ORDER = Comparator
            .comparing((FileScanTask t) -> text(t, "market"))
            .thenComparing(t -> text(t, "symbol"))
            .thenComparingLong(t -> number(t, "agg_trade_id"))
            .thenComparingLong(FileScanTask::start);

    @Override
    public int compare(IcebergSourceSplit a, IcebergSourceSplit b) {
        int order = ORDER.compare(task(a), task(b));
        return order != 0 ? order : a.splitId().compareTo(b.splitId());
    }

    private static FileScanTask task(IcebergSourceSplit split) {
        if (split.task().files().size() != 1) {
            throw new IllegalStateException("a split of market.trades combines "
                    + split.task().files().size() + " file ranges: its trades could not be read"
                    + " in id order (the source plans with open file cost = split size)");
        }
        return split.task().files().iterator().next();
    }

    private static String text(FileScanTask task, String column) {
        return Conversions.fromByteBuffer(Types.StringType.get(), lowerBound(task, column).duplicate())
                .toString();
    }

    private static long number(FileScanTask task, String column) {
        return Conversions.fromByteBuffer(Types.LongType.get(), lowerBound(task, column).duplicate());
    }

    private static ByteBuffer lowerBound(FileScanTask task, String column) {
        Schema schema = task.schema();
        Map<Integer, ByteBuffer> bounds = task.file().lowerBounds();
        ByteBuffer bound = bounds == null ? null : bounds.get(schema.findField(column).fieldId());
        if (bound == null) {
            throw new IllegalStateException("data file " + task.file().location() + " of market.trades"
                    + " has no statistics of " + column + " (write.metadata.metrics must keep them):"
                    + " its trades could not be read in id order");
        }
        return bound;
    }
}
