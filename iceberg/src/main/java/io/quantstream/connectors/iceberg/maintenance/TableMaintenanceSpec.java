package io.quantstream.connectors.iceberg.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link TableMaintenanceTasks} keeps a table that Flink sinks append to small in files and
 * snapshots: Iceberg's Flink {@code TableMaintenance} with {@code RewriteDataFiles} (compaction)
 * and {@code ExpireSnapshots}.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>A checkpoint (10 s by default) writes one data file per partition it touched: about one
 *       file a minute for live 1m klines, one per checkpoint for trades. A compaction
 *       (bin-packing) runs once {@code rewriteAfterFiles} = 100 data files were added or
 *       {@code rewriteInterval} = 1 h passed, on partitions with at least
 *       {@code rewriteMinInputFiles} = 5 small files (Iceberg's default); files grow up to the
 *       table's {@code write.target-file-size-bytes}. Iceberg's commit-count triggers are off: a
 *       commit of a quiet checkpoint adds no file and is no reason to compact.
 *   <li>Expiry runs every {@code expireInterval} = 1 h and keeps every snapshot younger than
 *       {@code maxSnapshotAge} = 1 day and at least the last {@code retainLast} = 100. A
 *       restored writer looks for the snapshot it committed last ({@code flink.job-id},
 *       {@code flink.max-committed-checkpoint-id} in its summary) to know which of its
 *       checkpointed files are committed: that snapshot must still exist, or its restore fails
 *       or commits files twice. A running writer commits at least every 10 checkpoints, also
 *       without data ({@code flink.max-continuous-empty-commits}), so its last commit is always
 *       much younger than a day; a stopped writer must be restored from a checkpoint or
 *       savepoint younger than {@code maxSnapshotAge}. Hence at least 1 h.
 *   <li>{@code rateLimit} = 1 min at least between two maintenance runs of a table.
 * </ul>
 *
 * @param rewriteAfterFiles added data files that trigger a compaction
 * @param rewriteInterval time since the last compaction that triggers one
 * @param rewriteMinInputFiles fewest small files of a partition worth rewriting
 * @param expireInterval time between two expiries
 * @param maxSnapshotAge snapshots younger than this are kept
 * @param retainLast this many latest snapshots are kept whatever their age
 * @param rateLimit least time between two maintenance runs of a table
 */
public record TableMaintenanceSpec(
        int rewriteAfterFiles,
        Duration rewriteInterval,
        int rewriteMinInputFiles,
        Duration expireInterval,
        Duration maxSnapshotAge,
        int retainLast,
        Duration rateLimit) {

    /** The defaults above. */
    public static final TableMaintenanceSpec DEFAULTS = new TableMaintenanceSpec(100,
            Duration.ofHours(1), 5, Duration.ofHours(1), Duration.ofDays(1), 100, Duration.ofMinutes(1));

    /** The shortest {@link #maxSnapshotAge} accepted (see the class comment). */
    public static final Duration MIN_SNAPSHOT_AGE = Duration.ofHours(1);

    /** Every mistake in this spec, each starting with {@code prefix} and the field; empty when none. */
    public List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (rewriteAfterFiles < 1) {
            problems.add(prefix + "rewriteAfterFiles: must be at least 1, got " + rewriteAfterFiles);
        }
        if (rewriteMinInputFiles < 2) {
            problems.add(prefix + "rewriteMinInputFiles: must be at least 2 (one file is not"
                    + " compacted), got " + rewriteMinInputFiles);
        }
        if (retainLast < 1) {
            problems.add(prefix + "retainLast: must be at least 1, got " + retainLast);
        }
        positive(problems, prefix + "rewriteInterval", rewriteInterval);
        positive(problems, prefix + "expireInterval", expireInterval);
        positive(problems, prefix + "rateLimit", rateLimit);
        if (maxSnapshotAge == null || maxSnapshotAge.compareTo(MIN_SNAPSHOT_AGE) < 0) {
            problems.add(prefix + "maxSnapshotAge: must be at least 1h (a restored Flink writer"
                    + " needs the snapshot it committed last), got " + maxSnapshotAge);
        }
        return problems;
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value == null || value.toSeconds() < 1) {
            problems.add(key + ": must be at least 1s, got " + value);
        }
    }
}
