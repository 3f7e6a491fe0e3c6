package io.quantstream.connectors.iceberg.sink;

import io.quantstream.connectors.iceberg.ColumnValueException;
import io.quantstream.connectors.iceberg.TableColumns;
import io.quantstream.connectors.iceberg.TableRows;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/**
 * Model records to the {@code RowData} of their table ({@link TableRows} checked by
 * {@link TableColumns}). A record with a value its column cannot hold (more decimals or digits
 * than the column keeps, null in a required column) is not written at all, not even its other
 * rows: it goes to {@link DeadLetters#TAG} (stage {@value #STAGE}, reason
 * {@link ColumnValueException#DOES_NOT_FIT} or {@link ColumnValueException#MISSING_VALUE},
 * origin = the table) and counts in the metric {@code icebergRejected}. Records the table does
 * not hold (partial roll-ups) count in {@code icebergNotHeld}.
 */
final class TableRowFunction<T> extends ProcessFunction<T, RowData> {

    /** Dead-letter stage of records a table could not take. */
    static final String STAGE = "iceberg";

    private static final long serialVersionUID = 1L;

    private final TableRows<T> rows;
    private final TableColumns columns;
    private transient List<Object[]> buffer;
    private transient Counter rejected;
    private transient Counter notHeld;

    TableRowFunction(TableRows<T> rows) {
        this.rows = rows;
        this.columns = TableColumns.of(rows.table());
    }

    @Override
    public void open(OpenContext context) {
        buffer = new ArrayList<>();
        rejected = getRuntimeContext().getMetricGroup().counter("icebergRejected");
        notHeld = getRuntimeContext().getMetricGroup().counter("icebergNotHeld");
    }

    @Override
    public void processElement(T record, Context ctx, Collector<RowData> out) {
        buffer.clear();
        try {
            rows.rows(record, values -> buffer.add(columns.check(values)));
        } catch (ColumnValueException e) {
            rejected.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, e.reason(), e.getMessage(),
                    rows.table().name(), String.valueOf(record), rows.eventTime(record)));
            return;
        }
        if (buffer.isEmpty()) {
            notHeld.inc();
        }
        for (Object[] values : buffer) {
            out.collect(columns.rowData(values));
        }
    }
}
