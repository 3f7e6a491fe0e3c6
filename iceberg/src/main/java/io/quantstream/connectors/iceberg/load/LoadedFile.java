package io.quantstream.connectors.iceberg.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One archive file committed to a table: a row of {@code market.load_log}, and the summary of
 * the snapshot that committed it (keys {@code quantstream.load.*}), written in the same commit
 * as the rows, so a file's rows and its record never exist one without the other.
 *
 * @param tableName {@code market.klines} …
 * @param fileKey {@link ArchiveFile#key()}
 * @param fileName the file's name as loaded
 * @param source the file's path (or the URL it was downloaded from)
 * @param sizeBytes the file's size
 * @param sha256 the file's SHA-256, lower-case hex
 * @param checksumVerified whether an official {@code .CHECKSUM} was present and matched
 * @param coversFrom first millisecond of the file's day or month, epoch ms UTC
 * @param coversTo first millisecond after it
 * @param rows rows committed
 * @param snapshotId the snapshot that committed them
 * @param loadedAt commit time, epoch ms UTC
 */
public record LoadedFile(
        String tableName, String fileKey, String fileName, String source, long sizeBytes,
        String sha256, boolean checksumVerified, String market, String symbol, String interval,
        long coversFrom, long coversTo, long rows, long snapshotId, long loadedAt) {

    static final String PREFIX = "quantstream.load.";

    /** The snapshot summary properties that record this file (all but the snapshot id). */
    Map<String, String> summary() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(PREFIX + "key", fileKey);
        s.put(PREFIX + "file-name", fileName);
        s.put(PREFIX + "source", source);
        s.put(PREFIX + "size-bytes", Long.toString(sizeBytes));
        s.put(PREFIX + "sha256", sha256);
        s.put(PREFIX + "checksum-verified", Boolean.toString(checksumVerified));
        s.put(PREFIX + "market", market);
        s.put(PREFIX + "symbol", symbol);
        if (interval != null) {
            s.put(PREFIX + "interval", interval);
        }
        s.put(PREFIX + "covers-from", Long.toString(coversFrom));
        s.put(PREFIX + "covers-to", Long.toString(coversTo));
        s.put(PREFIX + "rows", Long.toString(rows));
        return s;
    }

    /** The file a snapshot's summary records, or null when the snapshot is not a load's. */
    static LoadedFile fromSummary(String tableName, long snapshotId, long timestampMillis,
            Map<String, String> s) {
        String key = s.get(PREFIX + "key");
        if (key == null) {
            return null;
        }
        return new LoadedFile(tableName, key, s.get(PREFIX + "file-name"), s.get(PREFIX + "source"),
                Long.parseLong(s.get(PREFIX + "size-bytes")), s.get(PREFIX + "sha256"),
                Boolean.parseBoolean(s.get(PREFIX + "checksum-verified")), s.get(PREFIX + "market"),
                s.get(PREFIX + "symbol"), s.get(PREFIX + "interval"),
                Long.parseLong(s.get(PREFIX + "covers-from")), Long.parseLong(s.get(PREFIX + "covers-to")),
                Long.parseLong(s.get(PREFIX + "rows")), snapshotId, timestampMillis);
    }

    /** This record as committed by snapshot {@code id}. */
    LoadedFile withSnapshot(long id) {
        return new LoadedFile(tableName, fileKey, fileName, source, sizeBytes, sha256, checksumVerified,
                market, symbol, interval, coversFrom, coversTo, rows, id, loadedAt);
    }

    /** Whether this file and {@code file} hold rows of one instrument (and interval) in one period. */
    boolean overlaps(String table, ArchiveFile file) {
        return tableName.equals(table) && market.equals(String.valueOf(file.market()))
                && symbol.equals(file.symbol())
                && java.util.Objects.equals(interval, file.interval())
                && coversFrom < file.coversTo() && file.coversFrom() < coversTo;
    }
}
