package io.quantstream.jobs.sql;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Prints one query's result as a table (its changelog applied, {@link MaterializedResult}) or as
 * its changes. A bounded result (every source ends) prints once, when it ends: the final table,
 * or every change. An unbounded one (a streaming query over a Kafka topic) prints every refresh
 * interval in which it changed: the table so far, or the changes since the last print; each
 * such table's footer says {@code so far}.
 */
final class QueryPrinter {

    /** The name of the thread that reads an unbounded result. */
    static final String READER_THREAD = "sql-result-reader";

    private final ResultPrinter printer;
    private final Duration refresh;

    QueryPrinter(ResultPrinter printer, Duration refresh) {
        this.printer = printer;
        this.refresh = refresh;
    }

    /**
     * Reads {@code changes} to their end (for an unbounded result: until the query fails,
     * printing fails or the process is stopped), printing as the class comment says. An
     * unbounded result is read on a thread of its own; when printing fails, {@code changes} is
     * closed (which cancels the query's job) and that thread has ended before this returns.
     *
     * @param asChanges print the changes with their kinds instead of the table
     * @throws Exception what reading the result threw (the query failed), or what printing threw
     *     ({@link ResultPrinter}: an output that fails)
     */
    void print(List<String> columns, CloseableIterator<Row> changes, boolean asChanges, boolean bounded,
            ZoneId zone) throws Exception {
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
        try (ChangeBuffer buffer = new ChangeBuffer(changes)) {
            printWhileRunning(columns, buffer, asChanges, zone);
        }
    }

    private void printWhileRunning(List<String> columns, ChangeBuffer buffer, boolean asChanges,
            ZoneId zone) throws Exception {
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

    /**
     * Changes read on a thread of their own, so that printing need not wait for the next one.
     * {@link #close} stops and joins the thread: it closes the changes if they have not ended.
     */
    private static final class ChangeBuffer implements AutoCloseable {
        /** How long the reader may take to notice that its result was closed. */
        private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

        private final List<Row> pending = new ArrayList<>();
        private final CloseableIterator<Row> changes;
        private final Thread reader;
        private boolean done;
        private Throwable failure;

        ChangeBuffer(CloseableIterator<Row> changes) {
            this.changes = changes;
            reader = new Thread(this::read, READER_THREAD);
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws Exception {
            boolean ended;
            synchronized (this) {
                ended = done;
            }
            try {
                if (!ended) {
                    changes.close();
                }
            } finally {
                // a reader blocked in a fetch that closing the result did not wake
                reader.interrupt();
                reader.join(STOP_TIMEOUT.toMillis());
            }
            if (reader.isAlive()) {
                throw new IllegalStateException("the query's result reader did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s of closing the result");
            }
        }

        private void read() {
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
