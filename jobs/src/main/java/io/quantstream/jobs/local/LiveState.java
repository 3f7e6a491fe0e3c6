package io.quantstream.jobs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.util.FileUtils;

/**
 * The state folder of a live run ({@code .quantstream/live/<name>} by default): the job's
 * checkpoints in {@code checkpoints/<job id>/chk-<n>}, retained when the job is cancelled or the
 * process dies, and the savepoints of its drains in {@code savepoints/savepoint-…}. A checkpoint
 * or savepoint is complete once it has its {@code _metadata} file, which Flink writes last; a
 * folder without one (the process died while it was written) is never restored.
 */
public final class LiveState {

    private static final String METADATA = "_metadata";
    private static final String CHECKPOINT = "chk-";
    private static final String SAVEPOINT = "savepoint-";

    private final Path dir;

    public LiveState(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** Where the job's checkpoints go ({@code execution.checkpointing.dir}). */
    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** Where the drain at the end of a replay writes its savepoint. */
    public Path savepoints() {
        return dir.resolve("savepoints");
    }

    /**
     * The completed checkpoint or savepoint written last (by the time of its {@code _metadata}):
     * what a restart resumes from. A drain's savepoint is later than every checkpoint before it;
     * a job restored from a checkpoint or savepoint continues its checkpoint ids and writes later
     * ones.
     */
    public Optional<Path> latest() throws IOException {
        List<Path> completed = new ArrayList<>(completed(checkpoints(), 2, CHECKPOINT));
        completed.addAll(completed(savepoints(), 1, SAVEPOINT));
        return completed.stream().max(Comparator.comparing(LiveState::written)
                .thenComparing(Path::toString));
    }

    /** Whether {@code job} has completed a checkpoint of its own. */
    public boolean hasCheckpoint(JobID job) throws IOException {
        return !completed(checkpoints().resolve(job.toHexString()), 1, CHECKPOINT).isEmpty();
    }

    /**
     * Deletes the checkpoints of other jobs (earlier runs) and every savepoint. Safe once
     * {@code job} has a checkpoint of its own ({@link #hasCheckpoint}): a job restored without
     * claiming the snapshot (Flink's default) makes its first checkpoint a full one, so nothing
     * it needs is left in the folders of earlier runs.
     */
    public void pruneBefore(JobID job) throws IOException {
        if (Files.isDirectory(checkpoints())) {
            try (Stream<Path> jobs = Files.list(checkpoints())) {
                for (Path other : (Iterable<Path>) jobs::iterator) {
                    if (!other.getFileName().toString().equals(job.toHexString())) {
                        FileUtils.deleteDirectory(other.toFile());
                    }
                }
            }
        }
        FileUtils.deleteDirectory(savepoints().toFile());
    }

    /**
     * The folders named {@code prefix…} {@code depth} levels below {@code root} that have their
     * {@code _metadata}.
     */
    private static List<Path> completed(Path root, int depth, String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.find(root, depth + 1, (path, attributes) ->
                path.getFileName().toString().equals(METADATA) && attributes.isRegularFile())) {
            return files.map(Path::getParent)
                    .filter(p -> root.relativize(p).getNameCount() == depth)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }

    private static FileTime written(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve(METADATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
