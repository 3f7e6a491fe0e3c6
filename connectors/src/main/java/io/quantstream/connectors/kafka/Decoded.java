package io.quantstream.connectors.kafka;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One Kafka record as read by a {@link JsonRecords} deserializer: the decoded {@link #value}, or
 * the {@link #deadLetter} saying why the record could not be decoded (exactly one is set). A
 * source emits these so that a bad record reaches the job as data instead of failing it; {@link
 * #split} turns them into the values and the project's dead-letter side output.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<Kline> klines = Decoded.split(
 *         env.fromSource(JsonRecords.KLINES.source(bootstrap, "klines").build(), watermarks, "klines"),
 *         Kline.class, "decode-klines");
 * DataStream<DeadLetter> rejected = klines.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
public class Decoded<T> {

    /** The record, or null when it could not be decoded. */
    public T value;
    /** Why the record could not be decoded (stage {@code decode}), or null. */
    public DeadLetter deadLetter;

    public Decoded() {}

    static <T> Decoded<T> of(T value) {
        Decoded<T> d = new Decoded<>();
        d.value = value;
        return d;
    }

    static <T> Decoded<T> rejected(DeadLetter deadLetter) {
        Decoded<T> d = new Decoded<>();
        d.deadLetter = deadLetter;
        return d;
    }

    /** Flink type of {@code Decoded<T>}: a POJO of {@code T} and {@link DeadLetter}, no Kryo. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> TypeInformation<Decoded<T>> typeInfo(Class<T> type) {
        try {
            return (TypeInformation) new PojoTypeInfo<>(Decoded.class, List.of(
                    new PojoField(Decoded.class.getField("value"), TypeInformation.of(type)),
                    new PojoField(Decoded.class.getField("deadLetter"), TypeInformation.of(DeadLetter.class))));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The decoded values; the dead letters go to {@link DeadLetters#TAG}. Chains to the source.
     *
     * @param uid stable operator uid, unique in the job
     */
    public static <T> SingleOutputStreamOperator<T> split(
            DataStream<Decoded<T>> decoded, Class<T> type, String uid) {
        return decoded.process(new Splitter<T>(), TypeInformation.of(type)).name(uid).uid(uid);
    }

    private static final class Splitter<T> extends ProcessFunction<Decoded<T>, T> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Decoded<T> record, Context ctx, Collector<T> out) {
            if (record.value != null) {
                out.collect(record.value);
            } else {
                ctx.output(DeadLetters.TAG, record.deadLetter);
            }
        }
    }
}
