package io.quantstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live run resumes from: the checkpoint or savepoint whose {@code _metadata} was written
 * last, never a folder without one (the process died while writing it).
 */
class LiveStateTest {

    @TempDir Path dir;

    private final JobID earlier = new JobID();
    private final JobID current = new JobID();

    @Test
    void nothingToResumeInAnEmptyOrMissingFolder() throws IOException {
        assertThat(new LiveState(dir.resolve("missing")).latest()).isEmpty();
        assertThat(new LiveState(dir).latest()).isEmpty();
    }

    @Test
    void resumesFromTheSnapshotWrittenLastAndNeverFromOneWithoutMetadata() throws IOException {
        LiveState state = new LiveState(dir);
        snapshot(state.checkpoints().resolve(earlier.toHexString()).resolve("chk-12"), 1_000);
        Path restored = snapshot(state.savepoints().resolve("savepoint-0a1b2c-000000000001"), 2_000);
        assertThat(state.latest()).contains(restored);

        Path newer = snapshot(state.checkpoints().resolve(current.toHexString()).resolve("chk-13"), 3_000);
        Files.createDirectories(state.checkpoints().resolve(current.toHexString()).resolve("chk-14")); // being written
        Files.createDirectories(state.checkpoints().resolve(current.toHexString()).resolve("shared"));
        assertThat(state.latest()).contains(newer);
    }

    @Test
    void pruningKeepsOnlyTheCurrentJobsCheckpoints() throws IOException {
        LiveState state = new LiveState(dir);
        snapshot(state.checkpoints().resolve(earlier.toHexString()).resolve("chk-3"), 1_000);
        snapshot(state.savepoints().resolve("savepoint-0a1b2c-000000000001"), 2_000);
        assertThat(state.hasCheckpoint(current)).isFalse();
        Path own = snapshot(state.checkpoints().resolve(current.toHexString()).resolve("chk-4"), 3_000);
        assertThat(state.hasCheckpoint(current)).isTrue();

        state.pruneBefore(current);

        assertThat(state.checkpoints().resolve(earlier.toHexString())).doesNotExist();
        assertThat(state.savepoints()).doesNotExist();
        assertThat(state.latest()).contains(own);
    }

    /** A completed snapshot folder whose {@code _metadata} was written at {@code millis}. */
    private static Path snapshot(Path folder, long millis) throws IOException {
        Files.createDirectories(folder);
        Path metadata = Files.writeString(folder.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.ofEpochMilli(millis)));
        return folder;
    }
}
