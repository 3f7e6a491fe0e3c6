package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.model.Kline;
import io.quantstream.testing.MiniClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, defect 3: a checkpointed STREAMING run (RocksDB state, a checkpoint every 100 ms)
 * disturbed mid-way writes exactly the files of an undisturbed run — no line lost from before the
 * checkpoint, none written twice, nothing of the disturbed attempt's unfinished files — whether a
 * task fails and the job restarts from its last completed checkpoint, or the job is killed
 * (cancelled) and submitted again from its latest retained checkpoint, as {@code flink run -s}
 * does. Input: the BTCUSDT/ETHUSDT websocket captures and three USD-M symbols' official 1m klines
 * of 2026-02 (the whole pipeline: klines, factors, cross-sections, target positions), each kline
 * source slowed to about 10 records per ms so that it is still being read when the job is
 * disturbed.
 */
class RestoredFileRunITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    /** 1m klines in February 2026 (28 days): the length of each kline source. */
    private static final long FEBRUARY_MINUTES = 28 * 24 * 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir static Path work;

    private static Path undisturbed;
    private static List<String> files;

    @BeforeAll
    static void runUndisturbed() throws Exception {
        undisturbed = work.resolve("undisturbed");
        FailOnce.arm(Long.MAX_VALUE);
        FileJobRuns.run(config(undisturbed, work.resolve("cp-undisturbed")),
                RestoredFileRunITCase::slowDown);
        assertThat(FailOnce.failed).as("the undisturbed run did not fail").isFalse();
        files = names(undisturbed);
        assertThat(files).contains("BTCUSDT-1m.csv", "LTCUSDT-1h.csv", "LTCUSDT-4h.csv",
                FileSinks.FACTORS + ".jsonl", FileSinks.CROSS_SECTIONS + ".jsonl",
                FileSinks.TARGET_POSITIONS + ".jsonl", FileSinks.DEAD_LETTERS + ".jsonl");
        // 28 days of hourly bars, one header
        assertThat(Files.readAllLines(undisturbed.resolve("LTCUSDT-1h.csv"))).hasSize(1 + 28 * 24);
    }

    @Test
    void aStreamingRunFailedAndRestoredMidwayWritesTheSameFilesAsAnUndisturbedRun()
            throws Exception {
        Path restored = work.resolve("restored");
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
        assertSameFiles(restored);
    }

    /**
     * The job cancelled once two checkpoints completed and half of LTCUSDT's klines were read
     * (its reader held there until the cancellation, whatever the machine's speed), its
     * in-progress parts left behind, then submitted again from its latest retained checkpoint
     * (a new job: sources, state and sink writers restored from the checkpoint's files).
     */
    @Test
    void aStreamingRunKilledAndResubmittedFromItsCheckpointWritesTheSameFilesAsAnUndisturbedRun()
            throws Exception {
        Path resubmitted = work.resolve("resubmitted");
        Path checkpoints = work.resolve("cp-resubmitted");
        JobConfig config = config(resubmitted, checkpoints);
        config.flink.put("execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        FailOnce.hold(FEBRUARY_MINUTES / 2);
        JobClient job = FileJobRuns.submit(config, RestoredFileRunITCase::slowDown);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!FailOnce.held) {
            assertThat(job.getJobStatus().get().isGloballyTerminalState())
                    .as("the job ended before it could be killed mid-way").isFalse();
            assertThat(System.nanoTime()).as("progress within " + TIMEOUT).isLessThan(deadline);
            Thread.sleep(20);
        }
        job.cancel().get();
        MarketDataJobRestoreITCase.awaitStatus(job, JobStatus.CANCELED);
        assertThat(FailOnce.records.get()).as("LTCUSDT klines read when it was killed")
                .isEqualTo(FEBRUARY_MINUTES / 2 + 1);
        assertThat(resubmitted.resolve("parts")).as("committed parts of the killed job").exists();
        Path latest = MarketDataJobRestoreITCase.latestCheckpoint(
                checkpoints.resolve(job.getJobID().toHexString())).orElseThrow();

        FailOnce.arm(Long.MAX_VALUE);
        config.flink.put("execution.state-recovery.path", latest.toUri().toString());
        FileJobRuns.submit(config, RestoredFileRunITCase::slowDown).getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        FileSinks.assemble(config.output);

        assertThat(FailOnce.records.get())
                .as("LTCUSDT klines read by the resubmitted job: from the checkpoint on")
                .isPositive().isLessThan(FEBRUARY_MINUTES);
        assertSameFiles(resubmitted);
    }

    private static void assertSameFiles(Path out) throws IOException {
        assertThat(names(out)).containsExactlyElementsOf(files);
        for (String file : files) {
            List<String> expected = Files.readAllLines(undisturbed.resolve(file));
            List<String> actual = Files.readAllLines(out.resolve(file));
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
     * completed checkpoints (never when armed with {@code Long.MAX_VALUE}); counts what it saw for
     * the test (one JVM, so static fields are shared
     * with the MiniCluster's tasks).
     */
    static final class FailOnce implements MapFunction<Kline, Kline>, CheckpointListener {
        static volatile boolean failed;
        /** Whether the armed record blocks the task until it is cancelled instead of failing it. */
        static volatile boolean holds;
        static volatile boolean held;
        static volatile long failAfter;
        static final AtomicLong checkpointsBeforeFailure = new AtomicLong();
        static final AtomicLong recordsAtFailure = new AtomicLong();
        static final AtomicLong recordsAfterRestart = new AtomicLong();
        /** LTCUSDT klines read and checkpoints completed by the attempt since {@link #arm}. */
        static final AtomicLong records = new AtomicLong();
        static final AtomicLong checkpoints = new AtomicLong();
        private static final AtomicBoolean ARMED = new AtomicBoolean();

        private long attemptRecords;
        private long attemptCheckpoints;

        /** Blocks, instead of failing, at the first record after {@code afterRecords}. */
        static void hold(long afterRecords) {
            arm(afterRecords);
            holds = true;
        }

        static void arm(long afterRecords) {
            holds = false;
            held = false;
            failed = false;
            failAfter = afterRecords;
            checkpointsBeforeFailure.set(0);
            recordsAtFailure.set(0);
            recordsAfterRestart.set(0);
            records.set(0);
            checkpoints.set(0);
            ARMED.set(true);
        }

        @Override
        public Kline map(Kline kline) throws InterruptedException {
            attemptRecords++;
            records.incrementAndGet();
            if (failed) {
                recordsAfterRestart.incrementAndGet();
            } else if (attemptRecords > failAfter && attemptCheckpoints >= 2
                    && ARMED.compareAndSet(true, false)) {
                if (holds) {
                    held = true;
                    while (true) {
                        Thread.sleep(10); // until the cancellation interrupts the task
                    }
                }
                checkpointsBeforeFailure.set(attemptCheckpoints);
                recordsAtFailure.set(attemptRecords);
                failed = true;
                throw new IllegalStateException("test failure after " + attemptRecords + " klines");
            }
            return kline;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            attemptCheckpoints++;
            checkpoints.incrementAndGet();
        }
    }
}
