package io.quantstream.connectors.file;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A closed part file waiting for its checkpoint to complete: the committable of a
 * {@link PartFileSink}. Committing renames {@code inProgress} to {@code committed} (absolute paths,
 * see {@link PartFiles} for the names).
 */
public record PartFile(String inProgress, String committed) {

    /** Version 1: the two paths as modified UTF-8. */
    static final SimpleVersionedSerializer<PartFile> SERIALIZER = new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PartFile part) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeUTF(part.inProgress);
            out.writeUTF(part.committed);
            return out.getCopyOfBuffer();
        }

        @Override
        public PartFile deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown part file serializer version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            return new PartFile(in.readUTF(), in.readUTF());
        }
    };
}
