package io.quantstream.connectors.iceberg.load;

/**
 * What loading one archive file did.
 *
 * @param file the file
 * @param status loaded (committed), skipped (already loaded) or failed (nothing committed)
 * @param rows rows committed (0 unless loaded)
 * @param bytes the file's size
 * @param checksumVerified whether its official {@code .CHECKSUM} was present and matched
 * @param message why it was skipped or failed; null when loaded
 */
public record FileResult(
        ArchiveFile file, Status status, long rows, long bytes, boolean checksumVerified, String message) {

    /** Outcome of one file. */
    public enum Status {
        LOADED,
        SKIPPED,
        FAILED
    }

    static FileResult skipped(ArchiveFile file, long bytes, boolean verified, String message) {
        return new FileResult(file, Status.SKIPPED, 0, bytes, verified, message);
    }

    static FileResult failed(ArchiveFile file, long bytes, String message) {
        return new FileResult(file, Status.FAILED, 0, bytes, false, message);
    }
}
