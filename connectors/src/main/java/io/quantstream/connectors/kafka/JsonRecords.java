package io.quantstream.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeGap;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How records of one type are stored on a Kafka topic: the value is the record as JSON (its
 * public fields, as in the project's JSON-lines files), the key says which records belong
 * together (one partition, in order; the latest per key survives compaction), and the Kafka
 * timestamp is the record's event time, so a source can take watermarks from it.
 *
 * <pre>{@code
 * klines.sinkTo(JsonRecords.KLINES.exactlyOnceSink(bootstrap, "klines", "market-data-klines"));
 * env.fromSource(JsonRecords.KLINES.source(bootstrap, "klines").build(), watermarks, "klines");
 * }</pre>
 *
 * <p><b>Decimals</b> (prices, quantities, volumes) are plain JSON numbers with every digit and
 * trailing zero the record has ({@code 67000.10}, never {@code 6.70001E4}), read back as the
 * same {@code BigDecimal} (value and scale); a reader must parse them as decimals, not binary
 * floats (Jackson: {@code USE_BIG_DECIMAL_FOR_FLOATS}; Flink SQL: {@code DECIMAL}; Python:
 * {@code json.loads(s, parse_float=Decimal)}). A decimal given as a JSON string is read as well.
 * Factor values and scores are doubles; {@code NaN} is the string {@code "NaN"}. Each topic's
 * schema is the Flink SQL table in {@code sql/kafka-topics.sql}.
 *
 * <p><b>Reading</b> never fails on a record: one that is not a JSON object ({@code malformed}),
 * lacks a number or flag field of the type ({@code missing-field}: it would read as 0), has a value
 * that does not fit its field ({@code bad-value}: a string where a number goes, a fraction for an
 * integer, an unknown market) or is empty ({@code empty-value}, e.g. a tombstone) becomes a
 * {@link DeadLetter} of stage {@code decode} with origin {@code kafka:<topic>/<partition>@<offset>}
 * and the raw text (see {@link Decoded}). Unknown fields are ignored, so a reader keeps reading
 * records of a newer writer.
 */
public final class JsonRecords<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code transaction.timeout.ms} of the exactly-once sinks: Kafka's default broker cap, 15 min. */
    public static final long TRANSACTION_TIMEOUT_MS = 900_000L;

    /**
     * Trades; key: instrument ({@link #instrument}); timestamp: trade time. Values of the shape
     * the project writes decode without Jackson ({@link TradeJson}), to the same trades.
     */
    public static final JsonRecords<Trade> TRADES = new JsonRecords<>(
            Trade.class, t -> instrument(t.market, t.symbol), t -> t.tradeTime, TradeJson::decode);
    /** Trades missing from an instrument's stream, with the reason; key: instrument; timestamp: time after the gap. */
    public static final JsonRecords<TradeGap> TRADE_GAPS = new JsonRecords<>(
            TradeGap.class, g -> instrument(g.market, g.symbol), g -> g.timeAfter);
    /** Klines of every interval; key: instrument; timestamp: close time. */
    public static final JsonRecords<Kline> KLINES = new JsonRecords<>(
            Kline.class, k -> instrument(k.market, k.symbol), k -> k.closeTime);
    /** Factor vectors; key: instrument; timestamp: the bar's close time. */
    public static final JsonRecords<FactorVector> FACTORS = new JsonRecords<>(
            FactorVector.class, f -> instrument(f.market, f.symbol), f -> f.closeTime);
    /** Cross-sections; key: {@code universe|interval}; timestamp: the bar's close time. */
    public static final JsonRecords<CrossSection> CROSS_SECTIONS = new JsonRecords<>(
            CrossSection.class, c -> c.universe + "|" + c.interval, c -> c.closeTime);
    /**
     * Target positions; key: {@code reference|instrument} ({@code xs-long-short|usdm:BTCUSDT}: the
     * state a compacted topic keeps per key); timestamp: decision time.
     */
    public static final JsonRecords<TargetPosition> TARGET_POSITIONS = new JsonRecords<>(
            TargetPosition.class, p -> p.reference + "|" + instrument(p.market, p.symbol),
            p -> p.time);
    /**
     * The change of each target position; key: {@code reference|instrument}, as the target's (one
     * partition per key, in decision-time order); timestamp: decision time.
     */
    public static final JsonRecords<TargetDelta> TARGET_DELTAS = new JsonRecords<>(
            TargetDelta.class, d -> d.reference + "|" + instrument(d.market, d.symbol),
            d -> d.time);
    /**
     * Control commands; key: scope ({@link ControlCommand#scope()}: the strategy, or {@code *});
     * timestamp: the command's time. A command without a time or a known action decodes, and is
     * rejected by the portfolio stage with its reason.
     */
    public static final JsonRecords<ControlCommand> CONTROL = new JsonRecords<>(
            ControlCommand.class, ControlCommand::scope, c -> c.time);
    /** What each control command did to a strategy; key: the strategy; timestamp: decision time. */
    public static final JsonRecords<ControlAction> CONTROL_ACTIONS = new JsonRecords<>(
            ControlAction.class, a -> a.reference, a -> a.time);
    /** Dead letters; key: stage; timestamp: the rejected record's event time when known. */
    public static final JsonRecords<DeadLetter> DEAD_LETTERS = new JsonRecords<>(
            DeadLetter.class, d -> d.stage, d -> d.eventTime);

    private static final ObjectMapper WRITER = JsonLinesSink.mapper();
    private static final ObjectMapper READER = JsonLinesSink.mapper().copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Class<T> type;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, Long> eventTime;
    private final List<String> requiredFields;
    /** Decodes the plain values of this type without Jackson, null for any other; or null. */
    private final SerializableFunction<byte[], T> fastPath;

    /** Records read by Jackson only (package-private: tests compare the fast path with it). */
    JsonRecords(Class<T> type, SerializableFunction<T, String> key,
            SerializableFunction<T, Long> eventTime) {
        this(type, key, eventTime, null);
    }

    private JsonRecords(Class<T> type, SerializableFunction<T, String> key,
            SerializableFunction<T, Long> eventTime, SerializableFunction<byte[], T> fastPath) {
        this.type = type;
        this.key = key;
        this.eventTime = eventTime;
        this.requiredFields = primitiveFields(type);
        this.fastPath = fastPath;
    }

    /** The instrument as a key: {@code <market>:<SYMBOL>}, market in lower case ({@code usdm:BTCUSDT}). */
    public static String instrument(Market market, String symbol) {
        return (market == null ? "" : market.name().toLowerCase(Locale.ROOT)) + ":" + symbol;
    }

    public Class<T> type() {
        return type;
    }

    /** The record's Kafka key, UTF-8 text. */
    public String key(T record) {
        return key.apply(record);
    }

    /** The record's Kafka timestamp (epoch ms UTC), or null when its event time is not known. */
    public Long timestamp(T record) {
        Long time = eventTime.apply(record);
        return time == null || time < 0 ? null : time;
    }

    /** The record as its JSON value. */
    public byte[] value(T record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Decodes one value; never throws.
     *
     * @param origin where it came from, e.g. {@code kafka:klines/0@42}
     * @param timestamp its Kafka timestamp (epoch ms UTC), the dead letter's event time
     */
    public Decoded<T> decode(byte[] value, String origin, long timestamp) {
        if (value == null || value.length == 0) {
            return rejected("empty-value", "no value (a tombstone or an empty message)", origin, "", timestamp);
        }
        if (fastPath != null) {
            T fast = fastPath.apply(value);
            if (fast != null) {
                return Decoded.of(fast);
            }
        }
        JsonNode tree;
        try {
            tree = READER.readTree(value);
        } catch (JsonProcessingException e) {
            return rejected("malformed", e.getOriginalMessage(), origin, text(value), timestamp);
        } catch (java.io.IOException e) {
            return rejected("malformed", e.getMessage(), origin, text(value), timestamp);
        }
        if (tree == null || !tree.isObject()) {
            return rejected("malformed", "not a JSON object", origin, text(value), timestamp);
        }
        List<String> missing = requiredFields.stream().filter(f -> !tree.has(f)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            return rejected("missing-field", String.join(", ", missing), origin, text(value), timestamp);
        }
        try {
            return Decoded.of(READER.treeToValue(tree, type));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return rejected("bad-value", field + ": " + e.getOriginalMessage(), origin, text(value), timestamp);
        } catch (JsonProcessingException e) {
            return rejected("bad-value", e.getOriginalMessage(), origin, text(value), timestamp);
        }
    }

    /** Writes records of this type to {@code topic} (value, key and timestamp as above). */
    public KafkaRecordSerializationSchema<T> serializer(String topic) {
        return new JsonSerializer<>(this, topic);
    }

    /** Reads records of this type, bad ones as dead letters; metrics {@code recordsDecoded}, {@code deadLetters}. */
    public KafkaRecordDeserializationSchema<Decoded<T>> deserializer() {
        return new JsonDeserializer<>(this);
    }

    /**
     * An exactly-once sink to {@code topic}: Kafka transactions committed when a checkpoint
     * completes (the job needs checkpointing; readers see the records only with
     * {@code isolation.level=read_committed}), transaction timeout {@value #TRANSACTION_TIMEOUT_MS}
     * ms, transactional ids {@code <prefix>-<subtask>-<n>} ({@code INCREMENTING}).
     *
     * @param transactionalIdPrefix stable across restarts of the job and unique per sink on the
     *     cluster (the sink aborts the transactions it left open under this prefix on restore)
     */
    public KafkaSink<T> exactlyOnceSink(String bootstrapServers, String topic, String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setTransactionNamingStrategy(TransactionNamingStrategy.INCREMENTING)
                .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT_MS))
                .build();
    }

    /**
     * A source of {@code topic} from its earliest offsets, reading committed records only
     * ({@code isolation.level=read_committed}); set the group id, bounds or offsets on the builder.
     */
    public KafkaSourceBuilder<Decoded<T>> source(String bootstrapServers, String topic) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(deserializer());
    }

    /** Where a record came from, for dead letters: {@code kafka:<topic>/<partition>@<offset>}. */
    static String origin(ConsumerRecord<?, ?> record) {
        return "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    private Decoded<T> rejected(String reason, String detail, String origin, String raw, long timestamp) {
        return Decoded.rejected(DeadLetter.of("decode", reason, detail, origin, raw,
                timestamp < 0 ? Long.MIN_VALUE : timestamp));
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static List<String> primitiveFields(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (f.getType().isPrimitive() && !Modifier.isStatic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return List.copyOf(names);
    }
}
