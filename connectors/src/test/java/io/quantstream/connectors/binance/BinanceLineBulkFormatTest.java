package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.model.Market;
import io.quantstream.testing.SharedData;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class BinanceLineBulkFormatTest {

    private static final String CAPTURE = "binance/ws/usdm/btcusdt_20240718.gz";

    @Test
    void readsWholeFileInBatchesWithRecordCountPositions() throws IOException {
        InputFile file = capture();
        BinanceLineBulkFormat format = new BinanceLineBulkFormat(List.of(file));

        List<RecordAndPosition<RawLine>> records = readAll(format.createReader(new Configuration(), split(file)));

        assertThat(format.isSplittable()).isFalse();
        assertThat(records).hasSize(11414);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).getOffset()).isEqualTo(CheckpointedPosition.NO_OFFSET);
            assertThat(records.get(i).getRecordSkipCount()).isEqualTo(i + 1);
        }
        assertThat(records.get(0).getRecord().market).isEqualTo(Market.USDM);
    }

    @Test
    void restoreSkipsTheLinesEmittedBeforeTheCheckpoint() throws IOException {
        InputFile file = capture();
        BinanceLineBulkFormat format = new BinanceLineBulkFormat(List.of(file));
        List<RecordAndPosition<RawLine>> all = readAll(format.createReader(new Configuration(), split(file)));
        RecordAndPosition<RawLine> checkpointed = all.get(1499);

        FileSourceSplit restored = split(file).updateWithCheckpointedPosition(
                new CheckpointedPosition(checkpointed.getOffset(), checkpointed.getRecordSkipCount()));
        List<RecordAndPosition<RawLine>> rest = readAll(format.restoreReader(new Configuration(), restored));

        assertThat(rest).hasSize(all.size() - 1500);
        assertThat(rest.get(0).getRecord().lineNumber).isEqualTo(1501);
        assertThat(rest.get(0).getRecord().text).isEqualTo(all.get(1500).getRecord().text);
        assertThat(rest.get(0).getRecordSkipCount()).isEqualTo(1501);
    }

    @Test
    void aSplitForAnUnknownFileFails() {
        InputFile file = capture();
        BinanceLineBulkFormat format = new BinanceLineBulkFormat(List.of());

        assertThatThrownBy(() -> format.createReader(new Configuration(), split(file)))
                .isInstanceOf(IOException.class).hasMessageContaining("no InputFile");
    }

    @Test
    void assignerHandsOutSplitsInInputOrderAndTakesReturnedOnesBack() {
        InputFile b = ws("/d/b_2.gz");
        InputFile a = ws("/d/a_3.gz");
        InputFile c = ws("/d/c_1.gz");
        FileSplitAssigner assigner = new InputOrderSplitAssigner.Provider(List.of(b, a, c))
                .create(List.of(split(c), split(a), split(b)));

        FileSourceSplit first = assigner.getNext("host").orElseThrow();
        assertThat(first.path().getPath()).isEqualTo("/d/b_2.gz");
        assigner.addSplits(List.of(first));

        assertThat(assigner.remainingSplits()).extracting(s -> s.path().getPath())
                .containsExactly("/d/b_2.gz", "/d/a_3.gz", "/d/c_1.gz");
        List<String> order = new ArrayList<>();
        for (Optional<FileSourceSplit> s = assigner.getNext(null); s.isPresent(); s = assigner.getNext(null)) {
            order.add(s.get().path().getPath());
        }
        assertThat(order).containsExactly("/d/b_2.gz", "/d/a_3.gz", "/d/c_1.gz");
    }

    private static InputFile capture() {
        return BinanceFiles.describe(SharedData.require(CAPTURE), null, null).orElseThrow();
    }

    private static InputFile ws(String path) {
        return new InputFile(path, RecordFormat.WS_JSON, null, Market.USDM, null);
    }

    private static FileSourceSplit split(InputFile file) {
        long size = new File(file.path()).length();
        return new FileSourceSplit(file.path(), new Path("file:" + file.path()), 0, size, 0, size);
    }

    private static List<RecordAndPosition<RawLine>> readAll(BulkFormat.Reader<RawLine> reader)
            throws IOException {
        List<RecordAndPosition<RawLine>> records = new ArrayList<>();
        try (reader) {
            for (BulkFormat.RecordIterator<RawLine> batch = reader.readBatch(); batch != null;
                    batch = reader.readBatch()) {
                int size = 0;
                for (RecordAndPosition<RawLine> r = batch.next(); r != null; r = batch.next()) {
                    records.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                    size++;
                }
                assertThat(size).isLessThanOrEqualTo(BinanceLineBulkFormat.BATCH_SIZE);
                batch.releaseBatch();
            }
        }
        return records;
    }
}
