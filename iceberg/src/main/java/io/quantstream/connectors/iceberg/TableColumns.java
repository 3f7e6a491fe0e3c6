package io.quantstream.connectors.iceberg;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A table's columns as converters of {@link TableRows} rows: {@link #check} holds every value to
 * its column (decimals at the column's scale, never rounded; required columns not null), then
 * {@link #record} makes an Iceberg generic record (the loader) and {@link #rowData} a Flink
 * {@code RowData} (the Flink sinks; times become {@code TIMESTAMP_LTZ} from epoch ms, the
 * decimal its column's {@code DECIMAL(p,s)}).
 *
 * <pre>{@code
 * TableColumns columns = TableColumns.of(QuantstreamTables.KLINES);
 * RowData row = columns.rowData(columns.check(values));
 * }</pre>
 */
public final class TableColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { STRING, LONG, INT, BOOLEAN, DOUBLE, DECIMAL, TIME }

    /** By name: Iceberg's table identifiers are not serializable. */
    private final String table;
    private final String[] names;
    private final Kind[] kinds;
    private final Types.DecimalType[] decimals;
    private final boolean[] required;
    private transient GenericRecord template;

    private TableColumns(TableDefinition table) {
        this.table = table.name();
        List<Types.NestedField> fields = table.schema().columns();
        int n = fields.size();
        names = new String[n];
        kinds = new Kind[n];
        decimals = new Types.DecimalType[n];
        required = new boolean[n];
        for (int i = 0; i < n; i++) {
            Types.NestedField f = fields.get(i);
            names[i] = f.name();
            required[i] = f.isRequired();
            kinds[i] = kind(f.type());
            if (kinds[i] == Kind.DECIMAL) {
                decimals[i] = (Types.DecimalType) f.type();
            }
        }
    }

    /** The converters of {@code table}'s columns. */
    public static TableColumns of(TableDefinition table) {
        return new TableColumns(table);
    }

    public TableDefinition table() {
        return QuantstreamTables.named(table);
    }

    /** The Flink row type of the table ({@code TIMESTAMP_LTZ(6)} times, Iceberg's microseconds). */
    public RowType rowType() {
        return FlinkSchemaUtil.convert(table().schema());
    }

    /**
     * {@code values} with every decimal at its column's scale (in place).
     *
     * @throws ColumnValueException a value that does not fit its column, or null in a required one
     * @throws IllegalStateException a row of the wrong width or a value of the wrong Java type
     *     (a bug in a {@link TableRows} mapping, not bad data)
     */
    public Object[] check(Object[] values) {
        if (values.length != names.length) {
            throw new IllegalStateException(table + " has " + names.length + " columns, the row "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                if (required[i]) {
                    throw new ColumnValueException(ColumnValueException.MISSING_VALUE,
                            names[i] + ": required, got null");
                }
                continue;
            }
            if (!javaType(kinds[i]).isInstance(v)) {
                throw new IllegalStateException(table + "." + names[i] + " takes a "
                        + javaType(kinds[i]).getSimpleName() + ", got " + v.getClass().getSimpleName());
            }
            if (kinds[i] == Kind.DECIMAL) {
                values[i] = ColumnTypes.exact((BigDecimal) v, decimals[i], names[i]);
            }
        }
        return values;
    }

    /** A {@link #check checked} row as an Iceberg generic record of the table's schema. */
    public Record record(Object[] values) {
        if (template == null) {
            template = GenericRecord.create(table().schema());
        }
        GenericRecord r = template.copy();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            r.set(i, v != null && kinds[i] == Kind.TIME ? ColumnTypes.time((Long) v) : v);
        }
        return r;
    }

    /** A {@link #check checked} row as Flink {@code RowData} of {@link #rowType()}. */
    public RowData rowData(Object[] values) {
        GenericRowData row = new GenericRowData(values.length);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            switch (kinds[i]) {
                case STRING:
                    row.setField(i, StringData.fromString((String) v));
                    break;
                case DECIMAL:
                    row.setField(i, DecimalData.fromBigDecimal((BigDecimal) v,
                            decimals[i].precision(), decimals[i].scale()));
                    break;
                case TIME:
                    row.setField(i, TimestampData.fromEpochMillis((Long) v));
                    break;
                default:
                    row.setField(i, v);
            }
        }
        return row;
    }

    private static Kind kind(Type type) {
        switch (type.typeId()) {
            case STRING:
                return Kind.STRING;
            case LONG:
                return Kind.LONG;
            case INTEGER:
                return Kind.INT;
            case BOOLEAN:
                return Kind.BOOLEAN;
            case DOUBLE:
                return Kind.DOUBLE;
            case DECIMAL:
                return Kind.DECIMAL;
            case TIMESTAMP:
                return Kind.TIME;
            default:
                throw new IllegalArgumentException("no quantstream column has type " + type);
        }
    }

    private static Class<?> javaType(Kind kind) {
        switch (kind) {
            case STRING:
                return String.class;
            case LONG:
            case TIME:
                return Long.class;
            case INT:
                return Integer.class;
            case BOOLEAN:
                return Boolean.class;
            case DOUBLE:
                return Double.class;
            default:
                return BigDecimal.class;
        }
    }
}
