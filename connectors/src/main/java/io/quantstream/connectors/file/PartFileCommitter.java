package io.quantstream.connectors.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * Commits part files by renaming them from their in-progress name to their committed name (an
 * atomic rename within the folder). Flink repeats the commits of a restored checkpoint; a part
 * already renamed counts as committed.
 */
final class PartFileCommitter implements Committer<PartFile> {

    /**
     * @throws IOException when neither the in-progress nor the committed file exists: lines of a
     *     completed checkpoint are lost (e.g. the folder was cleared while the job ran)
     */
    @Override
    public void commit(Collection<CommitRequest<PartFile>> requests) throws IOException {
        for (CommitRequest<PartFile> request : requests) {
            Path inProgress = Paths.get(request.getCommittable().inProgress());
            Path committed = Paths.get(request.getCommittable().committed());
            if (Files.exists(inProgress)) {
                Files.move(inProgress, committed, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else if (Files.exists(committed)) {
                request.signalAlreadyCommitted();
            } else {
                throw new IOException("cannot commit part file " + committed + ": neither it nor "
                        + inProgress + " exists");
            }
        }
    }

    @Override
    public void close() {}
}
