package io.quantstream.jobs.topology;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka topics as event-time streams for the jobs on Kafka: sources of the configured topics and
 * the streams read from them.
 *
 * <pre>{@code
 * KafkaSource<Decoded<Trade>> trades = KafkaInput.trades(config, "market-data").build();
 * MarketData input = KafkaInput.trades(env, trades, config);
 * }</pre>
 *
 * <p>Sources read {@code read_committed} (only what exactly-once writers committed), from the
 * earliest offsets when the job starts without state (a restore resumes at the checkpointed
 * offsets), in the consumer group {@code <name>.<job>} (offsets committed on checkpoints, for
 * monitoring only); with {@code kafka.bounded} only up to the latest offsets of the start.
 * Timestamps and per-partition watermarks are assigned in the source ({@link DecodedWatermarks}:
 * bounded out-of-orderness {@code watermark.outOfOrderness}, idle after {@code watermark.idleness});
 * records that do not decode become dead letters (stage {@code decode}) in the side output
 * {@link DeadLetters#TAG} of the decoded stream, which runs at the source's parallelism, chained
 * to it.
 */
public final class KafkaInput {

    /** Source id of the trades topic: part of the validation and pre-aggregation uids. */
    public static final String TRADES = "kafka-trades";

    private KafkaInput() {}

    /** A source of {@code kafka.topics.trades} for {@code job}; bound it in tests. */
    public static KafkaSourceBuilder<Decoded<Trade>> trades(JobConfig config, String job) {
        return source(JsonRecords.TRADES, config.kafka.topics.trades, config, job);
    }

    /** A source of {@code kafka.topics.klines} for {@code job}. */
    public static KafkaSourceBuilder<Decoded<Kline>> klines(JobConfig config, String job) {
        return source(JsonRecords.KLINES, config.kafka.topics.klines, config, job);
    }

    /** A source of {@code kafka.topics.factors} for {@code job}. */
    public static KafkaSourceBuilder<Decoded<FactorVector>> factors(JobConfig config, String job) {
        return source(JsonRecords.FACTORS, config.kafka.topics.factors, config, job);
    }

    /** A source of {@code kafka.topics.control} for {@code job}. */
    public static KafkaSourceBuilder<Decoded<ControlCommand>> control(JobConfig config,
            String job) {
        return source(JsonRecords.CONTROL, config.kafka.topics.control, config, job);
    }

    /**
     * The control commands of {@code source}, decoded, for the portfolio stage (uids
     * {@code source-kafka-control}, {@code decode-kafka-control}); records that do not decode in
     * the side output {@link DeadLetters#TAG}. One reader (the topic has one partition by default,
     * and commands are few) and no watermarks: the portfolio stage looks each command up by its
     * time at every bar and takes its event time from the cross-sections alone, so an idle control
     * topic holds nothing back.
     */
    public static SingleOutputStreamOperator<ControlCommand> control(StreamExecutionEnvironment env,
            Source<Decoded<ControlCommand>, ?, ?> source) {
        DataStream<Decoded<ControlCommand>> read = env.fromSource(source,
                        WatermarkStrategy.noWatermarks(), "read kafka control",
                        Decoded.typeInfo(ControlCommand.class))
                .setParallelism(1).uid("source-kafka-control");
        SingleOutputStreamOperator<ControlCommand> decoded =
                Decoded.split(read, ControlCommand.class, "decode-kafka-control");
        decoded.setParallelism(1);
        return decoded;
    }

    /**
     * The trades of {@code source} as the input of {@link Topology#klines}: one source
     * ({@link #TRADES}) at the job's parallelism. Each subtask reads whole partitions and the
     * {@code trades} key is the instrument, so each instrument's trades come from one subtask in
     * partition order, as the pre-aggregation before the {@code keyBy} requires.
     */
    public static MarketData trades(StreamExecutionEnvironment env,
            Source<Decoded<Trade>, ?, ?> source, JobConfig config) {
        SingleOutputStreamOperator<Trade> trades = read(env, source, JsonRecords.TRADES, "trades", config);
        MarketData input = new MarketData();
        input.trades.put(TRADES, trades);
        input.deadLetters = trades.getSideOutput(DeadLetters.TAG);
        return input;
    }

    /**
     * Records of {@code source} decoded at the source's parallelism; dead letters in the side
     * output {@link DeadLetters#TAG}.
     *
     * @param topic role of the topic ({@code klines}), part of the uids {@code source-kafka-<topic>}
     *     and {@code decode-kafka-<topic>}
     */
    public static <T> SingleOutputStreamOperator<T> read(StreamExecutionEnvironment env,
            Source<Decoded<T>, ?, ?> source, JsonRecords<T> records, String topic,
            JobConfig config) {
        DataStream<Decoded<T>> read = env.fromSource(source,
                        DecodedWatermarks.of(records, config.watermark.outOfOrdernessDuration(),
                                config.watermark.idlenessDuration()),
                        "read kafka " + topic, Decoded.typeInfo(records.type()))
                .uid("source-kafka-" + topic);
        SingleOutputStreamOperator<T> decoded =
                Decoded.split(read, records.type(), "decode-kafka-" + topic);
        decoded.setParallelism(read.getParallelism());
        return decoded;
    }

    private static <T> KafkaSourceBuilder<Decoded<T>> source(JsonRecords<T> records,
            JobConfig.Topic topic, JobConfig config, String job) {
        KafkaSourceBuilder<Decoded<T>> source = records.source(config.kafka.bootstrapServers, topic.name)
                .setGroupId(groupId(config, job))
                .setClientIdPrefix(name(config) + "." + job + "." + topic.name)
                // a backlog (a restart, a replay) is read in big fetches: 1 MB socket reads instead
                // of 64 KB, 4 MB per partition and fetch, 2,000 records per hand-over to the task
                .setProperty("receive.buffer.bytes", Integer.toString(1 << 20))
                .setProperty("max.partition.fetch.bytes", Integer.toString(4 << 20))
                .setProperty("max.poll.records", "2000");
        return config.kafka.bounded ? source.setBounded(OffsetsInitializer.latest()) : source;
    }

    /**
     * The consumer group of {@code job}'s sources, {@code <name>.<job>}: the sources commit their
     * offsets to it on each completed checkpoint (for monitoring; a restore resumes at the
     * checkpointed offsets, not at these).
     */
    public static String groupId(JobConfig config, String job) {
        return name(config) + "." + job;
    }

    /** The job config's name as it goes into Kafka ids: lower case, runs of other characters as {@code -}. */
    public static String name(JobConfig config) {
        return config.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-")
                .replaceAll("^-+|-+$", "");
    }
}
