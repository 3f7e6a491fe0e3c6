package io.quantstream.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * A query's changelog printed as its table (inserts added, retractions removed, updates in the
 * old row's place) or as its changes; an unbounded result prints what it has so far, then more.
 */
class QueryPrinterTest {

    private static final List<String> COLUMNS = List.of("symbol", "bars");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final StringWriter out = new StringWriter();
    private final QueryPrinter printer = new QueryPrinter(
            new ResultPrinter(new PrintWriter(out, true), ResultPrinter.Format.CSV), Duration.ofMillis(20));

    /** A: 1, B: 1, A: 1 → 2, B deleted, C: 1, a second C: 1, one C retracted: A 2 first, then C 1. */
    private static final List<Row> CHANGES = List.of(
            change(RowKind.INSERT, "A", 1), change(RowKind.INSERT, "B", 1),
            change(RowKind.UPDATE_BEFORE, "A", 1), change(RowKind.UPDATE_AFTER, "A", 2),
            change(RowKind.DELETE, "B", 1), change(RowKind.INSERT, "C", 1), change(RowKind.INSERT, "C", 1),
            change(RowKind.DELETE, "C", 1));

    @Test
    void aBoundedResultPrintsOnceAsItsTableWithUpdatesInPlace() throws Exception {
        printer.print(COLUMNS, CloseableIterator.adapterForIterator(CHANGES.iterator()), false, true, UTC);

        assertThat(out.toString()).isEqualTo("symbol,bars\nA,2\nC,1\n");
    }

    @Test
    void aBoundedResultInChangelogModePrintsEveryChangeWithItsKind() throws Exception {
        printer.print(COLUMNS, CloseableIterator.adapterForIterator(CHANGES.iterator()), true, true, UTC);

        assertThat(out.toString()).isEqualTo(
                "op,symbol,bars\n+I,A,1\n+I,B,1\n-U,A,1\n+U,A,2\n-D,B,1\n+I,C,1\n+I,C,1\n-D,C,1\n");
    }

    @Test
    void anUnboundedResultPrintsItsTableSoFarThenTheFinalTableLast() throws Exception {
        StringWriter table = new StringWriter();
        QueryPrinter tables = new QueryPrinter(
                new ResultPrinter(new PrintWriter(table, true), ResultPrinter.Format.TABLE), Duration.ofMillis(20));
        Feed feed = new Feed();
        CompletableFuture<Void> printing = CompletableFuture.runAsync(() -> {
            try {
                tables.print(COLUMNS, feed, false, false, UTC);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        feed.add(CHANGES.subList(0, 4));
        awaitOutput(table, "2 rows so far, after 4 changes");
        assertThat(table.toString()).contains("|      A |    2 |").doesNotContain("|      A |    1 |");

        feed.add(CHANGES.subList(4, CHANGES.size()));
        feed.end();
        printing.get(30, TimeUnit.SECONDS);

        String[] blocks = table.toString().split("\n\n");
        assertThat(blocks[blocks.length - 1]).isEqualTo(String.join("\n",
                "+--------+------+", "| symbol | bars |", "+--------+------+",
                "|      A |    2 |", "|      C |    1 |", "+--------+------+", "2 rows", ""));
        assertThat(blocks).noneMatch(b -> b.contains("|      B |") && b.contains("after 8 changes"));
    }

    @Test
    void anUnboundedResultInChangelogModePrintsTheChangesSinceTheLastPrint() throws Exception {
        Feed feed = new Feed();
        CompletableFuture<Void> printing = CompletableFuture.runAsync(() -> {
            try {
                printer.print(COLUMNS, feed, true, false, UTC);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        feed.add(CHANGES.subList(0, 2));
        awaitOutput(out, "+I,B,1");
        feed.add(CHANGES.subList(2, 4));
        feed.end();
        printing.get(30, TimeUnit.SECONDS);

        assertThat(out.toString()).isEqualTo("op,symbol,bars\n+I,A,1\n+I,B,1\n\nop,symbol,bars\n-U,A,1\n+U,A,2\n");
    }

    /** Printing fails on its first print: the result is closed and its reader has ended. */
    @Test
    void aFailingOutputEndsAnUnboundedResultClosingItAndItsReader() throws Exception {
        QueryPrinter failing = new QueryPrinter(new ResultPrinter(new PrintWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, true), ResultPrinter.Format.CSV), Duration.ofMillis(20));
        Feed feed = new Feed();
        feed.add(CHANGES.subList(0, 2));

        assertThatThrownBy(() -> failing.print(COLUMNS, feed, false, false, UTC))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write the result: the output failed (closed, or the disk is full)");
        assertThat(feed.closed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain(QueryPrinter.READER_THREAD);
    }

    private static Row change(RowKind kind, String symbol, int bars) {
        Row row = Row.of(symbol, bars);
        row.setKind(kind);
        return row;
    }

    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(out.toString()).contains(text);
    }

    /**
     * A result that does not end until told or closed: rows as a query's collect iterator gives
     * them.
     */
    private static final class Feed implements CloseableIterator<Row> {
        private static final Row END = Row.of();
        private final LinkedBlockingQueue<Row> queue = new LinkedBlockingQueue<>();
        private Row next;
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
            end();
        }

        void add(List<Row> rows) {
            queue.addAll(rows);
        }

        void end() {
            queue.add(END);
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return next != END;
        }

        @Override
        public Row next() {
            hasNext();
            Row row = next;
            next = null;
            return row;
        }
    }
}
