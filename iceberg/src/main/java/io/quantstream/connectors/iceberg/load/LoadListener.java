package io.quantstream.connectors.iceberg.load;

/** Hears what {@link HistoryLoader} does, for progress lines; every method runs on the loading thread. */
public interface LoadListener {

    /** {@code file}, the {@code index}-th (from 1) of {@code total}, is about to be read. */
    default void fileStarted(ArchiveFile file, int index, int total) {}

    /** {@code rows} more rows of the current file are written (not yet committed). */
    default void rowsWritten(long rows) {}

    /** The current file is done; for a loaded file its commit has happened. */
    default void fileFinished(FileResult result) {}
}
