package io.quantstream.factor;

import static io.quantstream.model.ExactValuesIO.readDecimal;
import static io.quantstream.model.ExactValuesIO.readMarket;
import static io.quantstream.model.ExactValuesIO.writeDecimal;
import static io.quantstream.model.ExactValuesIO.writeMarket;

import io.quantstream.model.RecordSerializer;
import io.quantstream.model.RecordType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The serializer of {@link FactorBar} ({@code TypeInformation.of(FactorBar.class)}): every field,
 * the close exact ({@link io.quantstream.model.ExactValuesIO}), the field values as 8-byte
 * doubles after their count (at most 255). Factor bars cross the factor stage's keyBy only; no
 * state holds one.
 */
public final class FactorBarSerializer extends RecordSerializer<FactorBar> {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final FactorBarSerializer INSTANCE = new FactorBarSerializer();

    private FactorBarSerializer() {}

    @Override
    public FactorBar createInstance() {
        return new FactorBar();
    }

    @Override
    public void serialize(FactorBar bar, DataOutputView out) throws IOException {
        writeMarket(bar.market, out);
        StringValue.writeString(bar.symbol, out);
        StringValue.writeString(bar.interval, out);
        out.writeLong(bar.openTime);
        out.writeLong(bar.closeTime);
        writeDecimal(bar.close, out);
        out.writeBoolean(bar.partial);
        out.writeByte(bar.fields.length);
        for (double v : bar.fields) {
            out.writeDouble(v);
        }
    }

    @Override
    public FactorBar deserialize(DataInputView in) throws IOException {
        FactorBar bar = new FactorBar();
        bar.market = readMarket(in);
        bar.symbol = StringValue.readString(in);
        bar.interval = StringValue.readString(in);
        bar.openTime = in.readLong();
        bar.closeTime = in.readLong();
        bar.close = readDecimal(in);
        bar.partial = in.readBoolean();
        bar.fields = new double[in.readUnsignedByte()];
        for (int i = 0; i < bar.fields.length; i++) {
            bar.fields[i] = in.readDouble();
        }
        return bar;
    }

    @Override
    public TypeSerializerSnapshot<FactorBar> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FactorBar> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** What {@code @TypeInfo} on {@link FactorBar} names: {@link RecordType} with this serializer. */
    public static final class Factory extends TypeInfoFactory<FactorBar> {
        @Override
        public TypeInformation<FactorBar> createTypeInfo(Type t,
                Map<String, TypeInformation<?>> genericParameters) {
            return new RecordType<>(FactorBar.class, INSTANCE);
        }
    }
}
