package io.quantstream.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.TestTrades;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part-file sinks' writer and committer through checkpoints, failures and restores, driven by
 * hand the way Flink drives them: {@code prepareCommit} and {@code snapshotState} at a
 * checkpoint, {@code commit} once it completed, a restored writer from the checkpoint's state.
 */
class PartFileSinkTest {

    private static final long T0 = 1721347080000L;
    private static final Kline K1 = TestTrades.minute("BTCUSDT", T0, "64000.1", "64010.0", "63990.0", "64005.5", "1.5", 12);
    private static final Kline K2 = TestTrades.minute("BTCUSDT", T0 + 60_000, "64005.5", "64005.5", "64005.5", "64005.5", "0", 0);
    private static final Kline K3 = TestTrades.minute("BTCUSDT", T0 + 120_000, "64005.5", "64020.0", "64001.0", "64019.0", "2.0", 7);
    private static final Kline K4 = TestTrades.minute("BTCUSDT", T0 + 180_000, "64019.0", "64030.0", "64019.0", "64025.0", "0.5", 3);
    private static final Kline E1 = TestTrades.minute("ETHUSDT", T0, "3400.10", "3401.00", "3399.00", "3400.50", "4.0", 9);

    private final PartFileCommitter committer = new PartFileCommitter();

    @Test
    void linesAreCommittedOnlyWhenTheirCheckpointCompletes(@TempDir Path dir) throws Exception {
        KlineCsvSink sink = new KlineCsvSink(dir.toString());
        PartFileWriter<Kline> writer = PartFileWriter.fresh(parts(dir), sink, 0);
        write(writer, K1, E1, K2);
        writer.flush(false);
        Collection<PartFile> checkpoint1 = writer.prepareCommit();

        assertThat(checkpoint1).hasSize(2);
        assertThat(committedNames(dir, "BTCUSDT-1m.csv")).isEmpty();

        commit(checkpoint1);

        assertThat(committedNames(dir, "BTCUSDT-1m.csv")).containsExactly("part-0-0000000000.csv");
        assertThat(Files.readAllLines(parts(dir).resolve("BTCUSDT-1m.csv/part-0-0000000000.csv")))
                .containsExactly(KlineCsv.HEADER, KlineCsv.row(K1), KlineCsv.row(K2));
        assertThat(writer.snapshotState(1)).containsExactly(1L);
        assertThat(writer.prepareCommit()).as("nothing written since").isEmpty();
        assertThat(writer.snapshotState(2)).containsExactly(1L);
    }

    @Test
    void aRestoreKeepsWhatWasCommittedAndDropsWhatTheFailedAttemptWroteAfterTheCheckpoint(
            @TempDir Path dir) throws Exception {
        KlineCsvSink sink = new KlineCsvSink(dir.toString());
        PartFileWriter<Kline> failing = PartFileWriter.fresh(parts(dir), sink, 0);
        write(failing, K1, K2);
        Collection<PartFile> checkpoint1 = failing.prepareCommit();
        List<Long> state1 = failing.snapshotState(1);
        commit(checkpoint1);
        // checkpoint 2 is taken but never completes; K4 is still in progress when the task dies
        write(failing, K3);
        failing.prepareCommit();
        failing.snapshotState(2);
        write(failing, K4);
        failing.flush(false);

        PartFileWriter<Kline> restored = PartFileWriter.restored(parts(dir), sink, 0, state1.get(0));
        assertThat(inProgressNames(dir, "BTCUSDT-1m.csv")).as("the failed attempt's parts").isEmpty();
        commit(checkpoint1); // Flink commits the restored checkpoint's committables again
        write(restored, K3, K4); // the sources replay from checkpoint 1
        commit(restored.prepareCommit());
        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv"))).containsExactly(
                KlineCsv.HEADER, KlineCsv.row(K1), KlineCsv.row(K2), KlineCsv.row(K3),
                KlineCsv.row(K4));
    }

    @Test
    void aPartOfTheRestoredCheckpointThatWasNotYetCommittedIsCommittedAfterTheRestore(
            @TempDir Path dir) throws Exception {
        KlineCsvSink sink = new KlineCsvSink(dir.toString());
        PartFileWriter<Kline> failing = PartFileWriter.fresh(parts(dir), sink, 0);
        write(failing, K1, K2);
        Collection<PartFile> checkpoint1 = failing.prepareCommit();
        List<Long> state1 = failing.snapshotState(1);
        // the task dies after checkpoint 1 completed, before it was told so

        PartFileWriter<Kline> restored = PartFileWriter.restored(parts(dir), sink, 0, state1.get(0));
        commit(checkpoint1);
        write(restored, K3);
        commit(restored.prepareCommit());
        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv"))).containsExactly(
                KlineCsv.HEADER, KlineCsv.row(K1), KlineCsv.row(K2), KlineCsv.row(K3));
    }

    @Test
    void aRestoreFromAnOlderCheckpointDropsThePartsCommittedAfterIt(@TempDir Path dir)
            throws Exception {
        KlineCsvSink sink = new KlineCsvSink(dir.toString());
        PartFileWriter<Kline> first = PartFileWriter.fresh(parts(dir), sink, 0);
        write(first, K1);
        commit(first.prepareCommit());
        List<Long> savepoint = first.snapshotState(1);
        write(first, K2);
        commit(first.prepareCommit());
        write(first, K3);
        commit(first.prepareCommit());
        first.close();

        PartFileWriter<Kline> restored = PartFileWriter.restored(parts(dir), sink, 0, savepoint.get(0));
        write(restored, K2, K3);
        commit(restored.prepareCommit());
        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv"))).containsExactly(
                KlineCsv.HEADER, KlineCsv.row(K1), KlineCsv.row(K2), KlineCsv.row(K3));
    }

    @Test
    void closingWithoutCheckpointDeletesTheOpenParts(@TempDir Path dir) throws Exception {
        PartFileWriter<Kline> writer = PartFileWriter.fresh(parts(dir), new KlineCsvSink(dir.toString()), 0);
        write(writer, K1);
        Collection<PartFile> pending = writer.prepareCommit();
        write(writer, K2);

        writer.close();

        assertThat(inProgressNames(dir, "BTCUSDT-1m.csv")).as("only the checkpoint's part is left")
                .containsExactly(Path.of(pending.iterator().next().inProgress()).getFileName().toString());
    }

    @Test
    void aFreshRunDeletesTheEarlierRunsPartsOfItsOwnFilesOnly(@TempDir Path dir) throws Exception {
        PartFileWriter<Kline> earlier = PartFileWriter.fresh(parts(dir), new KlineCsvSink(dir.toString()), 0);
        write(earlier, K1, E1);
        commit(earlier.prepareCommit());
        write(earlier, K2);
        earlier.flush(false);
        JsonLinesSink<Map<String, String>> gaps = new JsonLinesSink<>(dir.toString(), "trade-gaps");
        PartFileWriter<Map<String, String>> earlierGaps = PartFileWriter.fresh(parts(dir), gaps, 0);
        earlierGaps.write(Map.of("symbol", "BTCUSDT"), null);
        commit(earlierGaps.prepareCommit());

        PartFileWriter<Kline> fresh = PartFileWriter.fresh(parts(dir), new KlineCsvSink(dir.toString()), 0);
        write(fresh, K3);
        commit(fresh.prepareCommit());
        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, KlineCsv.row(K3));
        assertThat(dir.resolve("ETHUSDT-1m.csv")).as("no stale file").doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("trade-gaps.jsonl")))
                .containsExactly("{\"symbol\":\"BTCUSDT\"}");
    }

    /**
     * Spot and USD-M BTCUSDT in one run: {@code DIR/spot/BTCUSDT-1m.csv} and
     * {@code DIR/usdm/BTCUSDT-1m.csv}, committed and restored like flat files; a fresh run of
     * the flat layout removes the market layout's parts of an earlier run, folders included.
     */
    @Test
    void byMarketLayoutWritesOneFolderPerMarketExactlyOnce(@TempDir Path dir) throws Exception {
        KlineCsvSink sink = new KlineCsvSink(dir.toString(), KlineCsvSink.Layout.BY_MARKET);
        Kline usdm1 = usdm(K3);
        Kline usdm2 = usdm(K4);
        PartFileWriter<Kline> writer = PartFileWriter.fresh(parts(dir), sink, 0);
        write(writer, K1, usdm1);
        commit(writer.prepareCommit());
        List<Long> checkpoint = writer.snapshotState(1);
        write(writer, K2, usdm2);
        writer.flush(false); // then the attempt fails

        PartFileWriter<Kline> restored =
                PartFileWriter.restored(parts(dir), sink, 0, checkpoint.get(0));
        write(restored, K2, usdm2);
        commit(restored.prepareCommit());
        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("spot/BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, KlineCsv.row(K1), KlineCsv.row(K2));
        assertThat(Files.readAllLines(dir.resolve("usdm/BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, KlineCsv.row(usdm1), KlineCsv.row(usdm2));
        assertThat(dir.resolve("BTCUSDT-1m.csv")).doesNotExist();

        PartFileWriter<Kline> earlier = PartFileWriter.fresh(parts(dir), sink, 0);
        write(earlier, K1, usdm1);
        commit(earlier.prepareCommit());
        PartFileWriter.fresh(parts(dir), new KlineCsvSink(dir.toString()), 0);
        assertThat(parts(dir).resolve("usdm")).as("no stale market folder").doesNotExist();
        assertThat(parts(dir).resolve("spot")).doesNotExist();
    }

    private static Kline usdm(Kline spot) {
        Kline k = TestTrades.minute(spot.symbol, spot.openTime, "1", "2", "0.5", "1.5", "3", 4);
        k.market = Market.USDM;
        return k;
    }

    @Test
    void aJsonLinesFileExistsEvenWithoutRecords(@TempDir Path dir) throws Exception {
        PartFileWriter<Object> writer = PartFileWriter.fresh(parts(dir),
                new JsonLinesSink<>(dir.toString(), "dead-letters"), 0);
        assertThat(writer.prepareCommit()).isEmpty();

        PartFiles.assemble(dir);

        assertThat(dir.resolve("dead-letters.jsonl")).isEmptyFile();
    }

    @Test
    void committingAPartWhoseFilesAreGoneFails(@TempDir Path dir) {
        PartFile lost = new PartFile(dir.resolve(".part-0-0000000000.csv.inprogress.x").toString(),
                dir.resolve("part-0-0000000000.csv").toString());

        assertThatThrownBy(() -> commit(List.of(lost))).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot commit part file");
    }

    @Test
    void committablesAndWriterStateSurviveSerialization() throws IOException {
        PartFile part = new PartFile("/out/parts/BTCUSDT-1m.csv/.part-0-0000000003.csv.inprogress.u",
                "/out/parts/BTCUSDT-1m.csv/part-0-0000000003.csv");
        var serializer = PartFile.SERIALIZER;
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(part)))
                .isEqualTo(part);
        var state = new KlineCsvSink("/out").getWriterStateSerializer();
        assertThat(state.deserialize(state.getVersion(), state.serialize(17L))).isEqualTo(17L);
    }

    private static Path parts(Path dir) {
        return dir.resolve(PartFiles.FOLDER);
    }

    @SafeVarargs
    private static <T> void write(PartFileWriter<T> writer, T... records) throws IOException {
        for (T record : records) {
            writer.write(record, null);
        }
    }

    private void commit(Collection<PartFile> parts) throws IOException, InterruptedException {
        List<CommitRequest<PartFile>> requests = new ArrayList<>();
        parts.forEach(p -> requests.add(new Request(p)));
        committer.commit(requests);
    }

    private static List<String> committedNames(Path dir, String file) throws IOException {
        return names(dir, file).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> inProgressNames(Path dir, String file) throws IOException {
        return names(dir, file).stream().filter(n -> n.startsWith(".")).toList();
    }

    private static List<String> names(Path dir, String file) throws IOException {
        try (Stream<Path> files = Files.list(parts(dir).resolve(file))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A commit request as Flink's committer operator hands it over. */
    private record Request(PartFile getCommittable) implements CommitRequest<PartFile> {
        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void retryLater() {}

        @Override
        public void updateAndRetryLater(PartFile committable) {}

        @Override
        public void signalAlreadyCommitted() {}
    }
}
