package io.quantstream.connectors.binance.source.split;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Checkpoint format of an {@link InstrumentSplit}. Version 1: market name (UTF), symbol (UTF),
 * last aggTrade id, last raw trade id, last trade time, stop-after id (longs).
 */
public final class InstrumentSplitSerializer implements SimpleVersionedSerializer<InstrumentSplit> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(InstrumentSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public InstrumentSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown InstrumentSplit version " + version + " (this build reads "
                    + VERSION + ")");
        }
        return read(new DataInputDeserializer(serialized));
    }

    /** Writes one split in the current version (for states that embed splits). */
    public static void write(InstrumentSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.instrument().market().name());
        out.writeUTF(split.instrument().symbol());
        out.writeLong(split.lastAggTradeId());
        out.writeLong(split.lastTradeId());
        out.writeLong(split.lastTradeTime());
        out.writeLong(split.stopAfterAggTradeId());
    }

    /** Reads one split written by {@link #write} in the current version. */
    public static InstrumentSplit read(DataInputView in) throws IOException {
        Instrument instrument = new Instrument(Market.valueOf(in.readUTF()), in.readUTF());
        return new InstrumentSplit(instrument, in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
