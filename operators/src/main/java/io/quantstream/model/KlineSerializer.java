package io.quantstream.model;

import static io.quantstream.model.ExactValuesIO.readDecimal;
import static io.quantstream.model.ExactValuesIO.readMarket;
import static io.quantstream.model.ExactValuesIO.readStats;
import static io.quantstream.model.ExactValuesIO.writeDecimal;
import static io.quantstream.model.ExactValuesIO.writeMarket;
import static io.quantstream.model.ExactValuesIO.writeStats;

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
 * The serializer of {@link Kline} ({@code TypeInformation.of(Kline.class)}): every field, exact
 * values as {@link ExactValuesIO} writes them. Klines cross a shuffle at every kline stage (to the
 * roll-up, to the factors, to the sinks); no savepoint state holds one.
 */
public final class KlineSerializer extends RecordSerializer<Kline> {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final KlineSerializer INSTANCE = new KlineSerializer();

    private KlineSerializer() {}

    @Override
    public Kline createInstance() {
        return new Kline();
    }

    @Override
    public void serialize(Kline k, DataOutputView out) throws IOException {
        StringValue.writeString(k.symbol, out);
        writeMarket(k.market, out);
        StringValue.writeString(k.interval, out);
        out.writeLong(k.openTime);
        out.writeLong(k.closeTime);
        writeDecimal(k.open, out);
        writeDecimal(k.high, out);
        writeDecimal(k.low, out);
        writeDecimal(k.close, out);
        writeDecimal(k.volume, out);
        writeDecimal(k.quoteVolume, out);
        out.writeLong(k.count);
        writeDecimal(k.takerBuyVolume, out);
        writeDecimal(k.takerBuyQuoteVolume, out);
        out.writeBoolean(k.partial);
        writeStats(k.tradeStats, out);
    }

    @Override
    public Kline deserialize(DataInputView in) throws IOException {
        Kline k = new Kline();
        k.symbol = StringValue.readString(in);
        k.market = readMarket(in);
        k.interval = StringValue.readString(in);
        k.openTime = in.readLong();
        k.closeTime = in.readLong();
        k.open = readDecimal(in);
        k.high = readDecimal(in);
        k.low = readDecimal(in);
        k.close = readDecimal(in);
        k.volume = readDecimal(in);
        k.quoteVolume = readDecimal(in);
        k.count = in.readLong();
        k.takerBuyVolume = readDecimal(in);
        k.takerBuyQuoteVolume = readDecimal(in);
        k.partial = in.readBoolean();
        k.tradeStats = readStats(in);
        return k;
    }

    @Override
    public TypeSerializerSnapshot<Kline> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Kline> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** What {@code @TypeInfo} on {@link Kline} names: {@link RecordType} with this serializer. */
    public static final class Factory extends TypeInfoFactory<Kline> {
        @Override
        public TypeInformation<Kline> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordType<>(Kline.class, INSTANCE);
        }
    }
}
