package io.quantstream.connectors.iceberg.load;

import io.quantstream.connectors.binance.BinanceFileReader;
import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.model.Market;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.ClusteredDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Appends Binance archive files to the market tables, one Iceberg commit per file, idempotently.
 *
 * <pre>{@code
 * List<ArchiveFile> files = ArchiveFiles.discover(List.of(Path.of("../shared/data")), null).files();
 * LoadReport report = new HistoryLoader(catalog, new LoadListener() {}).load(files);
 * }</pre>
 *
 * <p>Per file, in order: its SHA-256 is computed and checked against {@code <file>.CHECKSUM}
 * when there is one (a mismatch fails the file); a file whose {@link ArchiveFile#key() key} is
 * loaded with the same SHA-256 is skipped; one whose key is loaded with other content, or whose
 * instrument and period overlap a loaded file (a daily file inside a loaded month; trades and
 * aggTrades of one day), fails, since loading it would count the same market activity twice.
 * Then every line is decoded and written to Parquet data files, and the files are committed in
 * one append whose snapshot summary records the file ({@link LoadedFile}). A bad line, a value
 * that does not fit its column or a read error (a truncated zip or gzip) fails the file: its
 * data files are deleted and nothing is committed. A failed file does not stop the others.
 *
 * <p>A load killed at any point leaves every table as it was after the last commit: a file is
 * either wholly committed, with its record, or not at all; data files written for an
 * uncommitted file are referenced by no snapshot (Iceberg's orphan-file cleanup removes them).
 * The next load skips what was committed and loads the rest.
 *
 * <p>Not guarded: two loads of the same files at the same moment can both commit one file.
 */
public final class HistoryLoader {

    private final Catalog catalog;
    private final LoadListener listener;
    private final LoadLog log;

    public HistoryLoader(Catalog catalog, LoadListener listener) {
        this.catalog = catalog;
        this.listener = listener;
        this.log = new LoadLog(catalog);
    }

    /** Loads {@code files} in order; see the class comment for what happens to each. */
    public LoadReport load(List<ArchiveFile> files) {
        long start = System.nanoTime();
        LoadedIndex loaded = new LoadedIndex(log.reconcile());
        List<FileResult> results = new ArrayList<>();
        List<LoadedFile> committed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ArchiveFile file = files.get(i);
            listener.fileStarted(file, i + 1, files.size());
            Outcome outcome = loadOne(file, loaded);
            if (outcome.loaded != null) {
                loaded.add(outcome.loaded);
                committed.add(outcome.loaded);
            }
            results.add(outcome.result);
            listener.fileFinished(outcome.result);
        }
        log.append(committed);
        return new LoadReport(results, (System.nanoTime() - start) / 1e9);
    }

    private record Outcome(FileResult result, LoadedFile loaded) {}

    private Outcome loadOne(ArchiveFile file, LoadedIndex loaded) {
        Path path = file.path();
        long size;
        String sha256;
        try {
            size = Files.size(path);
            sha256 = Checksums.sha256(path);
        } catch (IOException e) {
            return new Outcome(FileResult.failed(file, 0, "cannot read: " + e), null);
        }
        if (file.market() == null) {
            return new Outcome(FileResult.failed(file, size, "market unknown: put the file under a"
                    + " spot/, futures/um/ or futures/cm/ folder, or pass --market"), null);
        }
        boolean verified = false;
        Path sidecar = Checksums.sidecar(path);
        if (Files.exists(sidecar)) {
            try {
                String expected = Checksums.expected(sidecar);
                if (!expected.equals(sha256)) {
                    return new Outcome(FileResult.failed(file, size, "checksum mismatch: the file's SHA-256"
                            + " is " + sha256 + ", " + sidecar.getFileName() + " says " + expected
                            + " (a corrupt or incomplete download: fetch it again); nothing committed"), null);
                }
                verified = true;
            } catch (IOException e) {
                return new Outcome(FileResult.failed(file, size, "cannot read " + sidecar + ": "
                        + e.getMessage()), null);
            }
        }
        String table = file.kind().table().name();
        LoadedFile same = loaded.get(table, file.key());
        if (same != null) {
            if (same.sha256().equals(sha256)) {
                return new Outcome(FileResult.skipped(file, size, verified, "already loaded into " + table
                        + String.format(" (%,d rows, snapshot %d)", same.rows(), same.snapshotId())), null);
            }
            return new Outcome(FileResult.failed(file, size, file.key() + " is already loaded into "
                    + table + " from " + same.source() + " (sha256 " + same.sha256() + "); this file's"
                    + " content differs (sha256 " + sha256 + "): delete the loaded rows to replace them"), null);
        }
        LoadedFile overlap = loaded.overlapping(table, file);
        if (overlap != null) {
            return new Outcome(FileResult.failed(file, size, "overlaps " + overlap.fileKey() + ", loaded"
                    + " into " + table + " from " + overlap.source() + ": its rows would be in the table"
                    + " twice"), null);
        }
        Table target = catalog.loadTable(file.kind().table().identifier());
        List<DataFile> dataFiles;
        long rows;
        try {
            Written written = write(target, file);
            dataFiles = written.files;
            rows = written.rows;
        } catch (BadFileException e) {
            return new Outcome(FileResult.failed(file, size, e.getMessage() + "; nothing committed"), null);
        }
        LoadedFile record = new LoadedFile(table, file.key(), file.fileName(), path.toString(), size,
                sha256, verified, file.market().name(), file.symbol(), file.interval(),
                file.coversFrom(), file.coversTo(), rows, -1, System.currentTimeMillis());
        LoadedFile done = record.withSnapshot(commit(target, dataFiles, record));
        return new Outcome(new FileResult(file, FileResult.Status.LOADED, rows, size, verified, null), done);
    }

    private record Written(List<DataFile> files, long rows) {}

    /** Writes every row of {@code file}; on any problem deletes what it wrote and throws. */
    private Written write(Table table, ArchiveFile file) throws BadFileException {
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSortOrder(table.sortOrder())
                .build();
        OutputFileFactory outputs = OutputFileFactory.builderFor(table, 1, System.nanoTime())
                .format(FileFormat.PARQUET).operationId("load-" + UUID.randomUUID()).build();
        long targetSize = PropertyUtil.propertyAsLong(table.properties(),
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
        ClusteredDataWriter<Record> writer = new ClusteredDataWriter<>(writers, outputs, table.io(), targetSize);
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        ArchiveRows rows = new ArchiveRows(file.kind());
        Market market = file.market();
        long count = 0;
        long unreported = 0;
        BadFileException failure = null;
        try (BinanceFileReader reader = BinanceFileReader.open(file.input())) {
            while (reader.hasNext()) {
                RawLine line = reader.next();
                DecodeResult decoded = BinanceLineParser.parse(line);
                if (decoded.kind() == DecodeResult.Kind.HEADER) {
                    continue;
                }
                if (decoded.kind() == DecodeResult.Kind.DEAD_LETTER) {
                    throw new BadFileException("line " + line.lineNumber + ": "
                            + decoded.deadLetter().reason + ": " + decoded.deadLetter().detail);
                }
                Record record;
                try {
                    record = rows.record(decoded, market);
                } catch (IllegalArgumentException e) {
                    throw new BadFileException("line " + line.lineNumber + ": " + e.getMessage());
                }
                partition.partition(wrapper.wrap(record));
                writer.write(record, table.spec(), partition);
                count++;
                if (++unreported == 10_000) {
                    listener.rowsWritten(unreported);
                    unreported = 0;
                }
            }
        } catch (BadFileException e) {
            failure = e;
        } catch (IOException | RuntimeException e) {
            failure = new BadFileException("cannot write: " + e);
        } finally {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = new BadFileException("cannot finish its data files: " + e);
                }
            }
        }
        listener.rowsWritten(unreported);
        List<DataFile> written = writer.result().dataFiles();
        if (failure != null) {
            written.forEach(f -> table.io().deleteFile(f.location()));
            throw failure;
        }
        return new Written(written, count);
    }

    /** One append with the file's record in its summary; the id of the snapshot it made. */
    private static long commit(Table table, List<DataFile> dataFiles, LoadedFile record) {
        AppendFiles append = table.newAppend();
        dataFiles.forEach(append::appendFile);
        record.summary().forEach(append::set);
        append.commit();
        Snapshot current = table.currentSnapshot();
        if (current != null && record.fileKey().equals(current.summary().get(LoadedFile.PREFIX + "key"))) {
            return current.snapshotId();
        }
        table.refresh();
        for (Snapshot s : table.snapshots()) {
            if (record.fileKey().equals(s.summary().get(LoadedFile.PREFIX + "key"))) {
                return s.snapshotId();
            }
        }
        throw new UncheckedIOException(new IOException("committed " + record.fileKey()
                + " but no snapshot of " + table.name() + " records it"));
    }

    /** A file that cannot be loaded; its message says why, worded for users. */
    private static final class BadFileException extends Exception {
        private static final long serialVersionUID = 1L;

        BadFileException(String message) {
            super(message);
        }
    }
}
