package io.quantstream.jobs.cli;

import io.quantstream.connectors.iceberg.load.ArchiveFile;
import io.quantstream.connectors.iceberg.load.FileResult;
import io.quantstream.connectors.iceberg.load.LoadListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The loader's progress: on a terminal one line redrawn in place (files done of all, current
 * file, rows and rows/s); otherwise a plain line per file.
 */
final class LoadProgress implements LoadListener {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int index;
    private int total;
    private String current = "";
    private long rows;

    LoadProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void fileStarted(ArchiveFile file, int index, int total) {
        this.index = index;
        this.total = total;
        this.current = file.fileName();
        draw(true);
    }

    @Override
    public void rowsWritten(long rows) {
        this.rows += rows;
        draw(false);
    }

    @Override
    public void fileFinished(FileResult result) {
        if (terminal && result.status() == FileResult.Status.LOADED) {
            draw(true);
            return;
        }
        if (terminal) {
            out.print("\r" + " ".repeat(110) + "\r");
        }
        String what = result.status().name().toLowerCase(Locale.ROOT);
        out.printf("[%4ds] %d/%d %s %s%s%n", seconds(), index, total, what, result.file().fileName(),
                result.status() == FileResult.Status.LOADED
                        ? String.format(": %,d rows%s", result.rows(), result.checksumVerified() ? ", checksum verified" : "")
                        : ": " + result.message());
    }

    /** Clears the redrawn line before the summary. */
    void finish() {
        if (terminal) {
            out.print("\r" + " ".repeat(110) + "\r");
            out.flush();
        }
    }

    private void draw(boolean now) {
        long t = System.nanoTime();
        if (!terminal || (!now && t - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = t;
        int width = 20;
        int done = total == 0 ? 0 : (index - 1) * width / total;
        String line = String.format("[%4ds] [%s%s] %d/%d %s  %,d rows  %,.0f rows/s", seconds(),
                "#".repeat(done), ".".repeat(width - done), index, total, current, rows,
                rows / Math.max(1e-9, (t - start) / 1e9));
        out.print("\r" + (line.length() > 110 ? line.substring(0, 110) : line) + "   ");
        out.flush();
    }

    private long seconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }
}
