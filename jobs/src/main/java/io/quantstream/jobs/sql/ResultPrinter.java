package io.quantstream.jobs.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.types.Row;

/**
 * Prints the rows of one SQL result: as a table (columns padded, NULL for nulls, like the SQL
 * client's tableau mode) or as CSV (RFC 4180 quoting by Jackson, a header row of the column
 * names, empty for nulls). Decimals print every digit ({@code toPlainString}); times print as
 * {@code yyyy-MM-dd HH:mm:ss.SSS}, {@code TIMESTAMP_LTZ} in the session's time zone.
 */
public final class ResultPrinter {

    /** Output formats of {@code bin/quantstream sql --format}. */
    public enum Format {
        TABLE, CSV;

        /** {@code table} or {@code csv}, any case. */
        public static Format parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format: unknown format '" + name + "' (expected table or csv)");
            }
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final PrintWriter out;
    private final Format format;
    private int printed;

    public ResultPrinter(PrintWriter out, Format format) {
        this.out = out;
        this.format = format;
    }

    /**
     * Prints one result; results after the first are separated by an empty line.
     *
     * @param zone the session's {@code table.local-time-zone}, for {@code TIMESTAMP_LTZ} values
     * @throws IOException when the output fails (a closed pipe, a full disk)
     */
    public void print(List<String> columns, Iterator<Row> rows, ZoneId zone) throws IOException {
        print(columns, rows, zone, null);
    }

    /**
     * Prints the changes of a result as rows with their kind first, in a column {@code op}
     * ({@code +I}, {@code -U}, {@code +U}, {@code -D}, as Flink's SQL client prints them).
     *
     * @param running what the footer of a table says after the count when more changes may
     *     follow ({@code so far}), or null
     */
    void printChanges(List<String> columns, List<Row> changes, ZoneId zone, String running) throws IOException {
        List<String> withKind = new ArrayList<>(columns.size() + 1);
        withKind.add("op");
        withKind.addAll(columns);
        print(withKind, changes.stream().map(ResultPrinter::withKind).iterator(), zone, running);
    }

    private static Row withKind(Row change) {
        Object[] fields = new Object[change.getArity() + 1];
        fields[0] = change.getKind().shortString();
        for (int i = 0; i < change.getArity(); i++) {
            fields[i + 1] = change.getField(i);
        }
        return Row.of(fields);
    }

    /**
     * Prints one result, as {@link #print(List, Iterator, ZoneId)}.
     *
     * @param running what the footer of a table says after the row count while the result is
     *     still changing (e.g. {@code so far, after 120 changes}), or null for a final result
     */
    void print(List<String> columns, Iterator<Row> rows, ZoneId zone, String running) throws IOException {
        List<String[]> values = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            String[] cells = new String[row.getArity()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = text(row.getField(i), zone);
            }
            values.add(cells);
        }
        if (printed++ > 0) {
            out.println();
        }
        if (format == Format.CSV) {
            csv(columns, values);
        } else {
            table(columns, values, running);
        }
        // a PrintWriter keeps its errors to itself; a query that does not end would run on unseen
        if (out.checkError()) {
            throw new IOException("cannot write the result: the output failed (closed, or the disk"
                    + " is full)");
        }
    }

    private void csv(List<String> columns, List<String[]> values) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // quotes only values that need them (a comma, a quote, a line break)
        mapper.configure(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING, true);
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n");
        try (SequenceWriter writer = mapper.writer(schema).writeValues(out)) {
            writer.write(columns.toArray(String[]::new));
            for (String[] row : values) {
                writer.write(Arrays.stream(row).map(v -> v == null ? "" : v).toArray(String[]::new));
            }
        }
    }

    private void table(List<String> columns, List<String[]> values, String running) {
        int[] widths = columns.stream().mapToInt(String::length).toArray();
        for (String[] row : values) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], cell(row[i]).length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : widths) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        out.println(rule);
        out.println(line(columns.toArray(String[]::new), widths));
        out.println(rule);
        for (String[] row : values) {
            out.println(line(row, widths));
        }
        if (!values.isEmpty()) {
            out.println(rule);
        }
        out.println(values.size() + (values.size() == 1 ? " row" : " rows") + (running == null ? "" : " " + running));
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String cell = cell(cells[i]);
            line.append(' ').append(" ".repeat(widths[i] - cell.length())).append(cell).append(" |");
        }
        return line.toString();
    }

    private static String cell(String value) {
        return value == null ? "NULL" : value;
    }

    private static String text(Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return TIME.format(instant.atZone(zone));
        }
        if (value instanceof LocalDateTime time) {
            return TIME.format(time);
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return value.toString();
    }
}
