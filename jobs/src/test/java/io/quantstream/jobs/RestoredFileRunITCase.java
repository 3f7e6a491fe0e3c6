package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.model.Kline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, defect 3: a checkpointed STREAMING run (RocksDB state, a checkpoint every 100 ms) that
 * fails mid-way and restarts from its last completed checkpoint writes exactly the files of an
 * undisturbed run — no line lost from before the checkpoint, none written twice, nothing of the
 * failed attempt's unfinished files. Input: the BTCUSDT/ETHUSDT websocket captures and three
 * USD-M symbols' official 1m klines of 2026-02 (the whole pipeline: klines, factors, cross-sections,
 * target positions), each kline source slowed to about 10 records per ms so that it is still
 * being read when the job fails.
 */
class RestoredFileRunITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** 1m klines in February 2026 (28 days): the length of each kline source. */
    private static final long FEBRUARY_MINUTES = 28 * 24 * 60;

    @Test
    void aStreamingRunFailedAndRestoredMidwayWritesTheSameFilesAsAnUndisturbedRun(
            @TempDir Path work) throws Exception {
        Path undisturbed = work.resolve("undisturbed");
        Path restored = work.resolve("restored");

        FailOnce.arm(Long.MAX_VALUE);
        FileJobRuns.run(config(undisturbed, work.resolve("cp-undisturbed")), RestoredFileRunITCase::slowDown);
        assertThat(FailOnce.failed).as("the undisturbed run did not fail").isFalse();

        FailOnce.arm(FEBRUARY_MINUTES / 2);
        FileJobRuns.run(config(restored, work.resolve("cp-restored")), RestoredFileRunITCase::slowDown);

        assertThat(FailOnce.failed).as("the run failed once").isTrue();
        assertThat(FailOnce.checkpointsBeforeFailure.get())
                .as("checkpoints completed before the failure").isGreaterThanOrEqualTo(2);
        assertThat(FailOnce.recordsAtFailure.get()).as("LTCUSDT klines read when it failed")
                .isLessThan(FEBRUARY_MINUTES);
        assertThat(FailOnce.recordsAfterRestart.get())
                .as("LTCUSDT klines read after the restart (the source was still being read)")
                .isPositive();

        List<String> files = names(undisturbed);
        assertThat(files).contains("BTCUSDT-1m.csv", "LTCUSDT-1h.csv", "LTCUSDT-4h.csv",
                FileSinks.FACTORS + ".jsonl", FileSinks.CROSS_SECTIONS + ".jsonl",
                FileSinks.TARGET_POSITIONS + ".jsonl", FileSinks.DEAD_LETTERS + ".jsonl");
        assertThat(names(restored)).containsExactlyElementsOf(files);
        // 28 days of hourly bars, one header
        assertThat(Files.readAllLines(undisturbed.resolve("LTCUSDT-1h.csv"))).hasSize(1 + 28 * 24);
        for (String file : files) {
            List<String> expected = Files.readAllLines(undisturbed.resolve(file));
            List<String> actual = Files.readAllLines(restored.resolve(file));
            if (file.endsWith(".jsonl")) {
                // one sink, several upstream subtasks: the interleaving of keys may differ
                expected.sort(null);
                actual.sort(null);
            }
            assertThat(actual).as(file).isEqualTo(expected);
        }
    }

    /** Slows every kline source down and arms the failure on LTCUSDT's. */
    private static void slowDown(MarketData input) {
        input.oneMinuteKlines.replaceAll((id, klines) -> {
            DataStream<Kline> slow = klines.map(new Throttle<>()).returns(klines.getType())
                    .name("throttle " + id).uid("throttle-" + id).setParallelism(1);
            return id.contains("ltcusdt")
                    ? slow.map(new FailOnce()).name("fail once " + id).uid("fail-once-" + id)
                            .setParallelism(1)
                    : slow;
        });
        assertThat(input.oneMinuteKlines.keySet()).anyMatch(id -> id.contains("ltcusdt"));
    }

    private static JobConfig config(Path out, Path checkpoints) {
        JobConfig config = ParityITCase.config("streaming", out);
        config.flink.put("state.backend.type", "rocksdb");
        config.flink.put("execution.checkpointing.interval", "100ms");
        config.flink.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        config.flink.put("restart-strategy.type", "fixed-delay");
        config.flink.put("restart-strategy.fixed-delay.attempts", "2");
        config.flink.put("restart-strategy.fixed-delay.delay", "100ms");
        return config;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Sleeps 1 ms after every 10 records. */
    static final class Throttle<T> implements MapFunction<T, T> {
        private long records;

        @Override
        public T map(T value) throws InterruptedException {
            if (++records % 10 == 0) {
                Thread.sleep(1);
            }
            return value;
        }
    }

    /**
     * Throws once, at the first record after {@code failAfter} records of one attempt and two
     * completed checkpoints; counts what it saw for the test (one JVM, so static fields are shared
     * with the MiniCluster's tasks).
     */
    static final class FailOnce implements MapFunction<Kline, Kline>, CheckpointListener {
        static volatile boolean failed;
        static volatile long failAfter;
        static final AtomicLong checkpointsBeforeFailure = new AtomicLong();
        static final AtomicLong recordsAtFailure = new AtomicLong();
        static final AtomicLong recordsAfterRestart = new AtomicLong();
        private static final AtomicBoolean ARMED = new AtomicBoolean();

        private long records;
        private long checkpoints;

        static void arm(long afterRecords) {
            failed = false;
            failAfter = afterRecords;
            checkpointsBeforeFailure.set(0);
            recordsAtFailure.set(0);
            recordsAfterRestart.set(0);
            ARMED.set(true);
        }

        @Override
        public Kline map(Kline kline) {
            records++;
            if (failed) {
                recordsAfterRestart.incrementAndGet();
            } else if (records > failAfter && checkpoints >= 2 && ARMED.compareAndSet(true, false)) {
                checkpointsBeforeFailure.set(checkpoints);
                recordsAtFailure.set(records);
                failed = true;
                throw new IllegalStateException("test failure after " + records + " klines");
            }
            return kline;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpoints++;
        }
    }
}
