package io.quantstream.connectors.file;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Line files on the local disk, exactly once across restarts: each record's line lands in one
 * committed part file of its output file, whatever fails and restarts in between (the pattern of
 * Flink's {@code FileSink}: write in progress, commit when the checkpoint completes).
 *
 * <p>Each subtask writes the lines of each output file into an in-progress part; at every
 * checkpoint it closes (and syncs) its open parts, and once the checkpoint has completed they are
 * renamed to their committed names. A restore resumes from the checkpoint's part number, commits
 * what the checkpoint held and deletes every part numbered after it (what a failed attempt had
 * written; after a restore from an older savepoint, also what was committed since); the records
 * after the checkpoint come again from the restored sources. Without checkpoints, and in BATCH,
 * the parts are committed when the input ends. Layout and assembly of the final files:
 * {@link PartFiles}. A run without state (a fresh start) first deletes its output files' parts of
 * an earlier run.
 *
 * <p>Committed parts are exact only if the job writes the same records after a restore, which the
 * project's stages do (event time, deterministic keyed state).
 *
 * <p>Why not Flink's {@code FileSink}: it names parts {@code part-<random id>-<counter>} with a new
 * random id and counter 0 for each bucket after every restore (and after a checkpoint without
 * lines for it), so the names do not give the order in which the assembled files need the parts.
 */
public abstract class PartFileSink<T>
        implements Sink<T>, SupportsWriterState<T, Long>, SupportsCommitter<PartFile> {

    private static final long serialVersionUID = 1L;

    /** Version 1: the writer's next part number, 8 bytes. */
    private static final SimpleVersionedSerializer<Long> NEXT_PART = new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long nextPart) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(8);
            out.writeLong(nextPart);
            return out.getCopyOfBuffer();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown part number serializer version " + version);
            }
            return new DataInputDeserializer(serialized).readLong();
        }
    };

    private final String directory;

    /** @param directory output folder; the parts go to {@code directory/parts}, created if missing */
    PartFileSink(String directory) {
        this.directory = directory;
    }

    /**
     * Output file of a record, relative to the output folder: a file name
     * ({@code BTCUSDT-1m.csv}) or a sub-folder and file name ({@code usdm/BTCUSDT-1m.csv}); the
     * file name has an extension, sub-folder names have none ({@link PartFiles}).
     */
    abstract String file(T element);

    /** The record as one line, without line terminator. */
    abstract String line(T element) throws IOException;

    /**
     * Whether an output file (in {@link #file}'s form) is this sink's: a fresh start deletes
     * its earlier parts.
     */
    abstract boolean owns(String file);

    /** Output files that exist, maybe empty, even when no record reaches them. */
    List<String> alwaysPresent() {
        return List.of();
    }

    @Override
    public StatefulSinkWriter<T, Long> createWriter(WriterInitContext context) throws IOException {
        return PartFileWriter.fresh(parts(), this, context.getTaskInfo().getIndexOfThisSubtask());
    }

    /** A subtask restored without state of its own (a new subtask) starts like a fresh one. */
    @Override
    public StatefulSinkWriter<T, Long> restoreWriter(WriterInitContext context,
            Collection<Long> states) throws IOException {
        if (states.isEmpty()) {
            return createWriter(context);
        }
        long nextPart = states.stream().mapToLong(Long::longValue).max().getAsLong();
        return PartFileWriter.restored(parts(), this,
                context.getTaskInfo().getIndexOfThisSubtask(), nextPart);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return NEXT_PART;
    }

    @Override
    public Committer<PartFile> createCommitter(CommitterInitContext context) {
        return new PartFileCommitter();
    }

    @Override
    public SimpleVersionedSerializer<PartFile> getCommittableSerializer() {
        return PartFile.SERIALIZER;
    }

    private Path parts() {
        return Paths.get(directory).toAbsolutePath().resolve(PartFiles.FOLDER);
    }
}
