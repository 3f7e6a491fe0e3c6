package io.quantstream.connectors.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * A few rows the client appends to an unpartitioned table ({@code market.load_log},
 * {@code trading.backtest_runs}): one Parquet data file, one commit.
 */
public final class SmallAppends {

    private SmallAppends() {}

    /**
     * Appends {@code rows} (records of {@code table}'s schema) in one commit; none: no commit.
     *
     * @throws UncheckedIOException when the data file cannot be written
     */
    public static void append(Table table, List<Record> rows) {
        if (rows.isEmpty()) {
            return;
        }
        OutputFileFactory outputs = OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
                .format(FileFormat.PARQUET).build();
        DataWriter<Record> writer = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).build()
                .newDataWriter(outputs.newOutputFile(), table.spec(), null);
        try (writer) {
            rows.forEach(writer::write);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.name(), e);
        }
        table.newAppend().appendFile(writer.toDataFile()).commit();
    }
}
