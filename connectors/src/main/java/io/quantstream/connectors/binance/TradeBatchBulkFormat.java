package io.quantstream.connectors.binance;

import io.quantstream.trade.TradeBatch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.Pool;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

/**
 * Reads whole Binance trade files (websocket captures, archive aggTrades and trades) as
 * {@link TradeBatch}es of up to {@value #BATCH_ROWS} lines for Flink's {@code FileSource}, each
 * line one row ({@link BinanceFileReader#readInto}): archive rows decoded from the read buffer
 * into the batch's columns, other lines decoded as text, bad ones as dead letters. A record per
 * batch instead of per line: the trades need neither an object nor a record of their own.
 *
 * <p>Files are not splittable. A checkpointed position is {@link CheckpointedPosition#NO_OFFSET}
 * plus the number of lines already emitted (batches end at whole lines): a restored reader
 * re-reads the file from the start and skips that many lines, as {@link BinanceLineBulkFormat}
 * does, so both read the same lines after a restore.
 */
public final class TradeBatchBulkFormat implements BulkFormat<TradeBatch, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    /**
     * Lines per batch: about 64 KB of archive rows, so a batch the fetcher thread filled is still
     * in cache when the task thread reads it.
     */
    public static final int BATCH_ROWS = 1024;

    private final BinanceLineBulkFormat files;

    /** A format that reads {@code files}. */
    public TradeBatchBulkFormat(Collection<InputFile> files) {
        this.files = new BinanceLineBulkFormat(files);
    }

    @Override
    public Reader<TradeBatch> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new BatchReader(files.fileOf(split), files.open(split), 0);
    }

    @Override
    public Reader<TradeBatch> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long emitted = split.getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
        return new BatchReader(files.fileOf(split), files.open(split), emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<TradeBatch> getProducedType() {
        return TypeInformation.of(TradeBatch.class);
    }

    /**
     * Batches a reader keeps for reuse: the source's hand-over queue (2 by default), the one the
     * task thread reads and the one being filled. A batch is reused once the task thread has
     * read it ({@code releaseBatch}), so a file's rows allocate no arrays.
     */
    static final int POOLED_BATCHES = 4;

    /** Emits batches of one file's lines, after skipping those emitted before a restore. */
    private static final class BatchReader implements Reader<TradeBatch> {

        private final InputFile file;
        private final BinanceFileReader lines;
        private final Pool<TradeBatch> pool = new Pool<>(POOLED_BATCHES);
        private long emitted;

        BatchReader(InputFile file, BinanceFileReader lines, long alreadyEmitted) {
            this.file = file;
            this.lines = lines;
            for (int i = 0; i < POOLED_BATCHES; i++) {
                pool.add(new TradeBatch(BATCH_ROWS));
            }
            TradeBatch skipped = new TradeBatch(1);
            for (long i = 0; i < alreadyEmitted; i++) {
                skipped.size = 0;
                if (!lines.readInto(skipped)) {
                    break;
                }
            }
            this.emitted = alreadyEmitted;
        }

        @Override
        public RecordIterator<TradeBatch> readBatch() throws IOException {
            TradeBatch batch;
            try {
                batch = pool.pollEntry();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a free batch");
            }
            batch.clear();
            batch.symbol = file.symbol();
            batch.market = file.market();
            while (!batch.isFull() && lines.readInto(batch)) {
                // one line, one row
            }
            if (batch.size == 0) {
                pool.recycler().recycle(batch);
                return null;
            }
            emitted += batch.size;
            SingletonResultIterator<TradeBatch> records =
                    new SingletonResultIterator<>(() -> pool.recycler().recycle(batch));
            // the position after the batch (one more than given): a restore skips its lines
            records.set(batch, CheckpointedPosition.NO_OFFSET, emitted - 1);
            return records;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
