package io.quantstream.connectors.binance.source.enumerator;

import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.connectors.binance.source.split.InstrumentSplitSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint format of {@link LiveEnumeratorState}. Version 1: split count (int), then each split
 * in {@link InstrumentSplitSerializer} version 1 layout.
 */
public final class LiveEnumeratorStateSerializer implements SimpleVersionedSerializer<LiveEnumeratorState> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(LiveEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.pending().size());
        for (InstrumentSplit split : state.pending()) {
            InstrumentSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public LiveEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown LiveEnumeratorState version " + version
                    + " (this build reads " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<InstrumentSplit> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(InstrumentSplitSerializer.read(in));
        }
        return new LiveEnumeratorState(pending);
    }
}
