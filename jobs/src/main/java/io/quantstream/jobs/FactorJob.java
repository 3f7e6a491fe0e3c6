package io.quantstream.jobs;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.jobs.topology.OutputSinks;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.jobs.topology.TopologyOutputs;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka {@code klines} → factor vectors of the configured factor intervals on {@code factors};
 * rejected klines on {@code dead-letters} ({@link Topology#factors}). Each instrument's klines
 * are in one partition ({@code klines} key = instrument), in the order the market-data job
 * wrote them; partial roll-ups are skipped.
 *
 * <pre>{@code flink run -c io.quantstream.jobs.FactorJob jobs/target/quantstream-jobs.jar \
 *     --config config/kafka-jobs.yaml [--key.path value ...]}</pre>
 */
public final class FactorJob extends KafkaJob {

    /** The job's name in Kafka ids ({@code <name>.factors.factors}) and the Flink job name. */
    public static final String NAME = "factors";

    private final Source<Decoded<Kline>, ?, ?> klines;
    private final OutputSinks sinks;

    /**
     * @param sinks {@code factors} and {@code deadLetters} are used
     * @throws InvalidConfigException also when the config computes no factors
     */
    public FactorJob(JobConfig config, Source<Decoded<Kline>, ?, ?> klines, OutputSinks sinks) {
        super(NAME, config);
        if (config.factors == null || config.factors.isBlank()) {
            throw new InvalidConfigException(List.of(
                    "factors: the factor job needs factors to compute, e.g. ema(20),rsi(14)"));
        }
        this.klines = klines;
        this.sinks = sinks;
    }

    @Override
    public void define(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Kline> read =
                KafkaInput.read(env, klines, JsonRecords.KLINES, "klines", config);
        TopologyOutputs out = new TopologyOutputs();
        out.deadLetters = read.getSideOutput(DeadLetters.TAG);
        Topology.factors(read, config, out);
        write(out, sinks);
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = config(args);
        new FactorJob(config, KafkaInput.klines(config, NAME).build(),
                KafkaSinks.of(config, NAME)).execute();
    }
}
