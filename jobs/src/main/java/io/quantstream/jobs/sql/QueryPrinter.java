package io.quantstream.jobs.sql;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.types.Row;

/**
 * Prints one query's result as a table (its changelog applied, {@link MaterializedResult}) or as
 * its changes. A bounded result (every source ends) prints once, when it ends: the final table,
 * or every change. An unbounded one (a streaming query over a Kafka topic) prints every refresh
 * interval in which it changed: the table so far, or the changes since the last print; each
 * such table's footer says {@code so far}.
 */
final class QueryPrinter {

    private final ResultPrinter printer;
    private final Duration refresh;

    QueryPrinter(ResultPrinter printer, Duration refresh) {
        this.printer = printer;
        this.refresh = refresh;
    }

    /**
     * Reads {@code changes} to their end (for an unbounded result: until the query fails or the
     * process is stopped), printing as the class comment says.
     *
     * @param asChanges print the changes with their kinds instead of the table
     * @throws Exception what reading the result threw (the query failed)
     */
    void print(List<String> columns, Iterator<Row> changes, boolean asChanges, boolean bounded, ZoneId zone)
            throws Exception {
        if (bounded) {
            List<Row> all = new ArrayList<>();
            changes.forEachRemaining(all::add);
            if (asChanges) {
                printer.printChanges(columns, all, zone, null);
            } else {
                printer.print(columns, materialize(all).rows().iterator(), zone, null);
            }
            return;
        }
        ChangeBuffer buffer = new ChangeBuffer(changes);
        MaterializedResult table = new MaterializedResult();
        boolean printed = false;
        while (true) {
            List<Row> batch = new ArrayList<>();
            boolean end = buffer.await(refresh, batch);
            batch.forEach(table::apply);
            if (end) {
                buffer.rethrow();
            }
            String running = end ? null : String.format(Locale.ROOT, "so far, after %,d changes", table.changes());
            if (!batch.isEmpty() || (end && !printed)) {
                if (asChanges) {
                    printer.printChanges(columns, batch, zone, running);
                } else {
                    printer.print(columns, table.rows().iterator(), zone, running);
                }
                printed = true;
            } else if (end && !asChanges) {
                printer.print(columns, table.rows().iterator(), zone, null);
            }
            if (end) {
                return;
            }
        }
    }

    private static MaterializedResult materialize(List<Row> changes) {
        MaterializedResult table = new MaterializedResult();
        changes.forEach(table::apply);
        return table;
    }

    /** Changes read on a thread of their own, so that printing need not wait for the next one. */
    private static final class ChangeBuffer {
        private final List<Row> pending = new ArrayList<>();
        private boolean done;
        private Throwable failure;

        ChangeBuffer(Iterator<Row> changes) {
            Thread reader = new Thread(() -> read(changes), "sql-result-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Iterator<Row> changes) {
            try {
                while (changes.hasNext()) {
                    Row change = changes.next();
                    synchronized (this) {
                        pending.add(change);
                    }
                }
            } catch (Throwable t) {
                synchronized (this) {
                    failure = t;
                }
            } finally {
                synchronized (this) {
                    done = true;
                    notifyAll();
                }
            }
        }

        /** Waits up to {@code timeout} or until the end; moves what arrived to {@code into}; true at the end. */
        synchronized boolean await(Duration timeout, List<Row> into) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long left;
            while (!done && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
            into.addAll(pending);
            pending.clear();
            return done;
        }

        synchronized void rethrow() throws Exception {
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }
}
