package io.quantstream.jobs.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * A query's changelog applied: an insert adds a row at the end, a delete removes an equal row,
 * and an update's new row ({@code +U}) takes the place the oldest pending old row ({@code -U})
 * left, so an updated row stays where it was (Flink's SQL client instead appends the new row at
 * the end). The rows are those inserted and not retracted, whatever the order of the changes
 * between them; only where they stand depends on it (updates of two rows from different
 * subtasks may swap places).
 */
final class MaterializedResult {

    /** The rows in place; null where a row was removed. */
    private final List<Row> slots = new ArrayList<>();
    /** Where each row value is (a value may be there more than once). */
    private final Map<Row, ArrayDeque<Integer>> positions = new HashMap<>();
    /** Places the old rows of updates left, for their new rows, oldest first. */
    private final ArrayDeque<Integer> updated = new ArrayDeque<>();
    private int removed;
    private long changes;

    void apply(Row change) {
        changes++;
        Row row = Row.copy(change);
        row.setKind(RowKind.INSERT);
        switch (change.getKind()) {
            case UPDATE_BEFORE:
                int at = remove(row);
                if (at >= 0) {
                    updated.add(at);
                }
                break;
            case DELETE:
                remove(row);
                break;
            case UPDATE_AFTER:
                if (!updated.isEmpty()) {
                    put(row, updated.poll());
                    removed--;
                    break;
                }
                add(row);
                break;
            default:
                add(row);
        }
        if (removed > 1024 && removed > slots.size() / 2 && updated.isEmpty()) {
            compact();
        }
    }

    /** The rows, in place order. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(slots.size() - removed);
        for (Row row : slots) {
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Changes applied so far. */
    long changes() {
        return changes;
    }

    private void add(Row row) {
        slots.add(null);
        put(row, slots.size() - 1);
    }

    private void put(Row row, int at) {
        slots.set(at, row);
        positions.computeIfAbsent(row, r -> new ArrayDeque<>()).add(at);
    }

    /** Removes one row equal to {@code row}; its place, or −1 when there is none. */
    private int remove(Row row) {
        ArrayDeque<Integer> at = positions.get(row);
        if (at == null) {
            return -1;
        }
        int place = at.poll();
        if (at.isEmpty()) {
            positions.remove(row);
        }
        slots.set(place, null);
        removed++;
        return place;
    }

    private void compact() {
        List<Row> rows = rows();
        slots.clear();
        positions.clear();
        removed = 0;
        rows.forEach(this::add);
    }
}
