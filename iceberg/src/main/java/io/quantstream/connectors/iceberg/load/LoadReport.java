package io.quantstream.connectors.iceberg.load;

import java.io.PrintStream;
import java.util.List;

/**
 * The outcome of one load: every file's {@link FileResult} and the wall time.
 *
 * @param results in load order
 * @param seconds wall time of the whole load
 */
public record LoadReport(List<FileResult> results, double seconds) {

    public long count(FileResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Rows committed. */
    public long rows() {
        return results.stream().mapToLong(FileResult::rows).sum();
    }

    /** Size of the files loaded (committed), bytes as stored (compressed). */
    public long bytesLoaded() {
        return results.stream().filter(r -> r.status() == FileResult.Status.LOADED)
                .mapToLong(FileResult::bytes).sum();
    }

    /**
     * The summary: files loaded / skipped / failed, rows, bytes, time, rows/s and MB/s, then one
     * line per failed file with why.
     */
    public void print(PrintStream out) {
        double mb = bytesLoaded() / 1e6;
        double s = Math.max(seconds, 1e-9);
        out.printf("loaded %d files (%d skipped, %d failed): %,d rows, %.1f MB in %.1f s,"
                        + " %,.0f rows/s, %.1f MB/s%n",
                count(FileResult.Status.LOADED), count(FileResult.Status.SKIPPED),
                count(FileResult.Status.FAILED), rows(), mb, seconds, rows() / s, mb / s);
        long verified = results.stream().filter(FileResult::checksumVerified).count();
        if (verified > 0) {
            out.printf("  %d of %d files verified against their .CHECKSUM (SHA-256)%n", verified, results.size());
        }
        for (FileResult r : results) {
            if (r.status() == FileResult.Status.FAILED) {
                out.printf("  failed %s: %s%n", r.file().path(), r.message());
            }
        }
    }
}
