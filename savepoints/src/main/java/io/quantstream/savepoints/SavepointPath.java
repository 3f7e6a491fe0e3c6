package io.quantstream.savepoints;

import java.nio.file.Files;
import java.nio.file.Path;

/** A savepoint or retained checkpoint on the local file system, checked before Flink reads it. */
final class SavepointPath {

    private SavepointPath() {}

    /**
     * The folder of {@code path}: the savepoint or checkpoint folder itself ({@code chk-N}) or its
     * {@code _metadata} file.
     *
     * @throws IllegalArgumentException naming the path when it does not exist or holds no
     *     {@code _metadata}
     */
    static Path folder(Path path) {
        Path folder = path.getFileName() != null && path.getFileName().toString().equals("_metadata")
                ? path.getParent() : path;
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such savepoint: " + path);
        }
        if (!Files.isRegularFile(folder.resolve("_metadata"))) {
            throw new IllegalArgumentException("not a savepoint or checkpoint (no _metadata in it): "
                    + folder);
        }
        return folder.toAbsolutePath();
    }
}
