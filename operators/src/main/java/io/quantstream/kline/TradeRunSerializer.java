package io.quantstream.kline;

import static io.quantstream.model.ExactValuesIO.readDecimal;
import static io.quantstream.model.ExactValuesIO.readMarket;
import static io.quantstream.model.ExactValuesIO.readStats;
import static io.quantstream.model.ExactValuesIO.writeDecimal;
import static io.quantstream.model.ExactValuesIO.writeMarket;
import static io.quantstream.model.ExactValuesIO.writeStats;

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
 * The serializer of {@link TradeRun} ({@code TypeInformation.of(TradeRun.class)}) on its way
 * from the pre-aggregation to the keyed aggregator (a shuffle, and in BATCH the sort by key and
 * time): every field of the run and of its {@link KlineAccumulator} bar, exact values as {@link io.quantstream.model.ExactValuesIO}
 * writes them. A sealed run only ({@link TradeRun#seal()}): the open run's scaled longs are not
 * part of the record.
 */
public final class TradeRunSerializer extends RecordSerializer<TradeRun> {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final TradeRunSerializer INSTANCE = new TradeRunSerializer();

    private TradeRunSerializer() {}

    @Override
    public TradeRun createInstance() {
        return new TradeRun();
    }

    @Override
    public void serialize(TradeRun run, DataOutputView out) throws IOException {
        if (run.scaled != null) { // its trades are not in the bar yet, and would be lost
            throw new IllegalStateException("an open run crosses a shuffle: " + run.symbol + " "
                    + run.firstTradeId + ".." + run.lastTradeId);
        }
        StringValue.writeString(run.symbol, out);
        writeMarket(run.market, out);
        out.writeLong(run.firstTradeId);
        out.writeLong(run.lastTradeId);
        out.writeLong(run.firstTime);
        out.writeLong(run.lastTime);
        out.writeInt(run.trades);
        out.writeLong(run.latestTime);
        out.writeBoolean(run.bar != null);
        if (run.bar != null) {
            writeBar(run.bar, out);
        }
    }

    @Override
    public TradeRun deserialize(DataInputView in) throws IOException {
        TradeRun run = new TradeRun();
        run.symbol = StringValue.readString(in);
        run.market = readMarket(in);
        run.firstTradeId = in.readLong();
        run.lastTradeId = in.readLong();
        run.firstTime = in.readLong();
        run.lastTime = in.readLong();
        run.trades = in.readInt();
        run.latestTime = in.readLong();
        if (in.readBoolean()) {
            run.bar = readBar(in);
        }
        return run;
    }

    private static void writeBar(KlineAccumulator bar, DataOutputView out) throws IOException {
        out.writeLong(bar.openTime);
        writeDecimal(bar.open, out);
        out.writeLong(bar.openRankTime);
        out.writeLong(bar.openRankId);
        writeDecimal(bar.close, out);
        out.writeLong(bar.closeRankTime);
        out.writeLong(bar.closeRankId);
        writeDecimal(bar.high, out);
        writeDecimal(bar.low, out);
        writeDecimal(bar.volume, out);
        writeDecimal(bar.quoteVolume, out);
        out.writeLong(bar.count);
        writeDecimal(bar.takerBuyVolume, out);
        writeDecimal(bar.takerBuyQuoteVolume, out);
        out.writeLong(bar.minutes);
        writeStats(bar.tradeStats, out);
    }

    private static KlineAccumulator readBar(DataInputView in) throws IOException {
        KlineAccumulator bar = new KlineAccumulator();
        bar.openTime = in.readLong();
        bar.open = readDecimal(in);
        bar.openRankTime = in.readLong();
        bar.openRankId = in.readLong();
        bar.close = readDecimal(in);
        bar.closeRankTime = in.readLong();
        bar.closeRankId = in.readLong();
        bar.high = readDecimal(in);
        bar.low = readDecimal(in);
        bar.volume = readDecimal(in);
        bar.quoteVolume = readDecimal(in);
        bar.count = in.readLong();
        bar.takerBuyVolume = readDecimal(in);
        bar.takerBuyQuoteVolume = readDecimal(in);
        bar.minutes = in.readLong();
        bar.tradeStats = readStats(in);
        return bar;
    }

    @Override
    public TypeSerializerSnapshot<TradeRun> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TradeRun> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** What {@code @TypeInfo} on {@link TradeRun} names: {@link RecordType} with this serializer. */
    public static final class Factory extends TypeInfoFactory<TradeRun> {
        @Override
        public TypeInformation<TradeRun> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordType<>(TradeRun.class, INSTANCE);
        }
    }
}
