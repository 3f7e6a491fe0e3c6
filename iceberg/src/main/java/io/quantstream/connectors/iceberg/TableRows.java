package io.quantstream.connectors.iceberg;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * How records of one model type become rows of one quantstream table: the single mapping the
 * history loader (Iceberg generic records) and the Flink sinks ({@code RowData}) both use.
 * {@link ModelRows} has one for every table.
 *
 * <p>A row is the table's column values in schema order, as plain Java values: {@code String},
 * {@code Long} (bigint columns, and time columns as epoch milliseconds UTC), {@code Integer},
 * {@code Boolean}, {@code Double}, and {@code BigDecimal} at any scale; {@link TableColumns}
 * checks them against the schema and converts them.
 *
 * @param <T> the model record, e.g. {@link io.quantstream.model.Kline}
 */
public interface TableRows<T> extends Serializable {

    /** The table the rows are for. */
    TableDefinition table();

    /**
     * Gives the rows of {@code record} to {@code out}: one for most records, one per factor for
     * a factor vector, none for a record the table does not hold (say why in the mapping's
     * Javadoc).
     */
    void rows(T record, Consumer<Object[]> out);

    /** The record's event time, epoch ms UTC (for dead letters). */
    long eventTime(T record);
}
