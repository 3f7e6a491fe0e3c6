package io.quantstream.connectors.file;

import io.quantstream.connectors.file.PartFiles.PartName;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * One subtask's writer of a {@link PartFileSink}: appends each record's line to the in-progress
 * part of its output file, and at every checkpoint (and at the end of input) closes all open parts
 * into {@link PartFile} committables under the next part number. Its state is that number.
 */
final class PartFileWriter<T> implements CommittingSinkWriter<T, PartFile>, StatefulSinkWriter<T, Long> {

    private final Path parts;
    private final PartFileSink<T> sink;
    private final int subtask;
    /** Distinguishes this attempt's in-progress files from those of a failed one. */
    private final String attempt = UUID.randomUUID().toString();
    private final Map<String, OpenPart> open = new HashMap<>();
    private long nextPart;

    private PartFileWriter(Path parts, PartFileSink<T> sink, int subtask, long nextPart)
            throws IOException {
        this.parts = parts;
        this.sink = sink;
        this.subtask = subtask;
        this.nextPart = nextPart;
        for (String file : sink.alwaysPresent()) {
            Files.createDirectories(parts.resolve(file));
        }
    }

    /**
     * A writer of a run without state: deletes every part of this subtask in the folders of the
     * sink's output files (an earlier run's) and the folders left empty.
     */
    static <T> PartFileWriter<T> fresh(Path parts, PartFileSink<T> sink, int subtask)
            throws IOException {
        delete(parts, sink, subtask, part -> true, true);
        return new PartFileWriter<>(parts, sink, subtask, 0);
    }

    /**
     * A writer restored from a checkpoint: deletes this subtask's parts numbered {@code nextPart}
     * or later, whose lines come after the checkpoint and will be written again (a failed
     * attempt's unfinished parts; after a restore from an older savepoint, also parts that later
     * checkpoints committed). Lower numbers are the checkpoint's: committed, or committables that
     * the committer renames now.
     */
    static <T> PartFileWriter<T> restored(Path parts, PartFileSink<T> sink, int subtask,
            long nextPart) throws IOException {
        delete(parts, sink, subtask, part -> part.number() >= nextPart, false);
        return new PartFileWriter<>(parts, sink, subtask, nextPart);
    }

    @Override
    public void write(T element, Context context) throws IOException {
        String file = sink.file(element);
        OpenPart part = open.get(file);
        if (part == null) {
            part = openPart(file);
            open.put(file, part);
        }
        part.out.write(sink.line(element));
        part.out.write('\n');
    }

    private OpenPart openPart(String file) throws IOException {
        Path folder = Files.createDirectories(parts.resolve(file));
        String name = PartFiles.committedName(file, subtask, nextPart);
        Path inProgress = folder.resolve(PartFiles.inProgressName(name, attempt));
        FileOutputStream stream = new FileOutputStream(inProgress.toFile());
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        String header = PartFiles.header(file);
        if (header != null) {
            out.write(header);
            out.write('\n');
        }
        return new OpenPart(inProgress, folder.resolve(name), stream, out);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        for (OpenPart part : open.values()) {
            part.out.flush();
        }
    }

    /** Closes every open part, synced to disk, for the checkpoint being taken. */
    @Override
    public Collection<PartFile> prepareCommit() throws IOException {
        List<PartFile> closed = new ArrayList<>(open.size());
        for (OpenPart part : open.values()) {
            part.out.flush();
            part.stream.getFD().sync();
            part.out.close();
            closed.add(new PartFile(part.inProgress.toString(), part.committed.toString()));
        }
        if (!open.isEmpty()) {
            nextPart++;
            open.clear();
        }
        return closed;
    }

    @Override
    public List<Long> snapshotState(long checkpointId) {
        return List.of(nextPart);
    }

    /** Parts still open were never handed to a checkpoint: their lines come again after a restore. */
    @Override
    public void close() throws IOException {
        for (OpenPart part : open.values()) {
            part.out.close();
            Files.deleteIfExists(part.inProgress);
        }
        open.clear();
    }

    private static void delete(Path parts, PartFileSink<?> sink, int subtask,
            Predicate<PartName> which, boolean dropEmptyFolders) throws IOException {
        for (String file : PartFiles.outputs(parts)) {
            if (!sink.owns(file)) {
                continue;
            }
            Path folder = parts.resolve(file);
            boolean empty = true;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path part : files) {
                    PartName name = PartName.parse(part.getFileName().toString());
                    if (name != null && name.subtask() == subtask && which.test(name)) {
                        Files.deleteIfExists(part);
                    } else {
                        empty = false;
                    }
                }
            }
            if (empty && dropEmptyFolders) {
                // the output's folder, then its sub-folder (a market's) when nothing else is in it
                Path f = folder;
                while (!f.equals(parts) && deleteIfEmpty(f)) {
                    f = f.getParent();
                }
            }
        }
    }

    /** Deletes an empty folder; false when it holds something (another subtask writes there). */
    private static boolean deleteIfEmpty(Path folder) throws IOException {
        try {
            Files.deleteIfExists(folder);
            return true;
        } catch (DirectoryNotEmptyException inUse) {
            return false;
        }
    }

    private record OpenPart(Path inProgress, Path committed, FileOutputStream stream, Writer out) {}
}
