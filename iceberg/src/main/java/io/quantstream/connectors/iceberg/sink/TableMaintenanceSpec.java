package io.quantstream.connectors.iceberg.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.flink.maintenance.api.ExpireSnapshotsConfig;
import org.apache.iceberg.flink.maintenance.api.FlinkMaintenanceConfig;
import org.apache.iceberg.flink.maintenance.api.RewriteDataFilesConfig;

/**
 * Iceberg's Flink table maintenance after a streaming sink's commits (its post-commit
 * {@code TableMaintenance}): compaction of the small files every checkpoint writes, and expiry
 * of old snapshots.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>A checkpoint (10 s by default) writes one data file per partition it touched (the sink
 *       distributes rows by partition): about one file a minute for live 1m klines, one per
 *       checkpoint for trades. A compaction ({@code RewriteDataFiles}, bin-packing) runs once
 *       {@code rewriteAfterFiles} = 100 data files were added or {@code rewriteInterval} = 1 h
 *       passed since the last one, on partitions with at least {@code rewriteMinInputFiles} = 5
 *       small files (Iceberg's default); files grow to the table's
 *       {@code write.target-file-size-bytes}. Iceberg's commit-count trigger is off: a commit of
 *       a quiet checkpoint adds no file and is no reason to compact.
 *   <li>Expiry ({@code ExpireSnapshots}) runs every {@code expireInterval} = 1 h and keeps every
 *       snapshot younger than {@code maxSnapshotAge} = 1 day and at least the last
 *       {@code retainLast} = 100. A restored job looks for the snapshot it committed last (its
 *       {@code flink.job-id} and {@code flink.max-committed-checkpoint-id}) to know which of its
 *       checkpointed files are committed: that snapshot must still exist, or the files would be
 *       committed twice. The sink commits at least every 10 checkpoints, also without data, and
 *       expiry runs only in the job itself, after its own commits; so a job restored from a
 *       checkpoint or savepoint finds its last commit unless another job expired this table's
 *       snapshots in between. Run the maintenance of a table in one job only (its lock is held
 *       by that job, not shared between jobs).
 *   <li>{@code rateLimit} = 1 min at least between two maintenance runs of the table.
 * </ul>
 *
 * @param enabled whether the sink runs maintenance at all (STREAMING only; a BATCH job commits once)
 * @param rewriteAfterFiles added data files that trigger a compaction
 * @param rewriteInterval time since the last compaction that triggers one
 * @param rewriteMinInputFiles fewest small files of a partition worth rewriting
 * @param expireInterval time between two expiries
 * @param maxSnapshotAge snapshots younger than this are kept
 * @param retainLast this many latest snapshots are kept whatever their age
 * @param rateLimit least time between two maintenance runs
 */
public record TableMaintenanceSpec(
        boolean enabled,
        int rewriteAfterFiles,
        Duration rewriteInterval,
        int rewriteMinInputFiles,
        Duration expireInterval,
        Duration maxSnapshotAge,
        int retainLast,
        Duration rateLimit) {

    /** A trigger count no table reaches: Iceberg's triggers cannot be switched off otherwise. */
    private static final String NEVER = Integer.toString(Integer.MAX_VALUE);

    /** The defaults above. */
    public static final TableMaintenanceSpec DEFAULTS = new TableMaintenanceSpec(true, 100,
            Duration.ofHours(1), 5, Duration.ofHours(1), Duration.ofDays(1), 100, Duration.ofMinutes(1));

    /** No maintenance. */
    public static final TableMaintenanceSpec NONE =
            new TableMaintenanceSpec(false, 0, null, 0, null, null, 0, null);

    /** Every mistake in this spec, worded for users under {@code prefix}; empty when usable. */
    public List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        if (rewriteAfterFiles < 1) {
            problems.add(prefix + "rewriteAfterFiles: must be at least 1, got " + rewriteAfterFiles);
        }
        seconds(problems, prefix + "rewriteInterval", rewriteInterval);
        seconds(problems, prefix + "expireInterval", expireInterval);
        if (rewriteMinInputFiles < 2) {
            problems.add(prefix + "rewriteMinInputFiles: must be at least 2 (one file is not"
                    + " compacted), got " + rewriteMinInputFiles);
        }
        seconds(problems, prefix + "maxSnapshotAge", maxSnapshotAge);
        if (retainLast < 1) {
            problems.add(prefix + "retainLast: must be at least 1 (the last snapshot is the"
                    + " table), got " + retainLast);
        }
        seconds(problems, prefix + "rateLimit", rateLimit);
        return problems;
    }

    private static void seconds(List<String> problems, String key, Duration value) {
        if (value == null || value.toSeconds() < 1) {
            problems.add(key + ": must be at least 1 s, got " + value);
        }
    }

    /** The sink's write options that configure this maintenance (Iceberg's key names). */
    Map<String, String> rewriteOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(RewriteDataFilesConfig.SCHEDULE_ON_DATA_FILE_COUNT, Integer.toString(rewriteAfterFiles));
        o.put(RewriteDataFilesConfig.SCHEDULE_ON_INTERVAL_SECOND, Long.toString(rewriteInterval.toSeconds()));
        o.put(RewriteDataFilesConfig.SCHEDULE_ON_COMMIT_COUNT, NEVER);
        // passed on to the rewrite planner (RewriteDataFilesConfig.properties(): the prefix removed)
        o.put(RewriteDataFilesConfig.PREFIX + "min-input-files", Integer.toString(rewriteMinInputFiles));
        return o;
    }

    Map<String, String> expireOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ExpireSnapshotsConfig.MAX_SNAPSHOT_AGE_SECONDS, Long.toString(maxSnapshotAge.toSeconds()));
        o.put(ExpireSnapshotsConfig.RETAIN_LAST, Integer.toString(retainLast));
        o.put(ExpireSnapshotsConfig.SCHEDULE_ON_INTERVAL_SECOND, Long.toString(expireInterval.toSeconds()));
        o.put(ExpireSnapshotsConfig.SCHEDULE_ON_COMMIT_COUNT, NEVER);
        return o;
    }

    Map<String, String> runOptions() {
        return Map.of(FlinkMaintenanceConfig.RATE_LIMIT, Long.toString(rateLimit.toSeconds()));
    }
}
