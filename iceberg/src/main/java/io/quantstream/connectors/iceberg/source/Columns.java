package io.quantstream.connectors.iceberg.source;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Positions and types of a projection's columns in the {@link RowData} Iceberg's Flink reader
 * produces for it: decimals with their precision and scale, {@code timestamptz} at microseconds.
 * Serializable: a converter holding one is shipped with its source.
 */
final class Columns implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Iceberg's Flink reader gives timestamps at microsecond precision. */
    private static final int TIMESTAMP_PRECISION = 6;

    private final List<Types.NestedField> fields;
    private final int[] precision;
    private final int[] scale;

    Columns(Schema projection) {
        this.fields = projection.columns();
        this.precision = new int[fields.size()];
        this.scale = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).type() instanceof Types.DecimalType decimal) {
                precision[i] = decimal.precision();
                scale[i] = decimal.scale();
            }
        }
    }

    /** @throws IllegalArgumentException when the projection has no such column */
    int position(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + fields);
    }

    /** The decimal at {@code position}, at its column's scale. */
    BigDecimal decimal(RowData row, int position) {
        return row.getDecimal(position, precision[position], scale[position]).toBigDecimal();
    }

    /** The timestamp at {@code position} as epoch ms UTC. */
    long millis(RowData row, int position) {
        return row.getTimestamp(position, TIMESTAMP_PRECISION).getMillisecond();
    }
}
