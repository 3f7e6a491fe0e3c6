package io.quantstream.jobs;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.jobs.topology.OutputSinks;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.model.Trade;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The market-data, factor and strategy jobs in one, for small deployments: Kafka {@code trades}
 * → {@code klines}, {@code factors}, {@code cross-sections}, {@code target-positions} and
 * {@code dead-letters} ({@link Topology#build}, the stages of the file job).
 *
 * <pre>{@code flink run -c io.quantstream.jobs.PipelineJob jobs/target/quantstream-jobs.jar \
 *     --config config/kafka-jobs.yaml [--key.path value ...]}</pre>
 */
public final class PipelineJob extends KafkaJob {

    /** The job's name in Kafka ids ({@code <name>.pipeline.klines}) and the Flink job name. */
    public static final String NAME = "pipeline";

    private final Source<Decoded<Trade>, ?, ?> trades;
    private final OutputSinks sinks;

    /** @param sinks one for each output the config asks for */
    public PipelineJob(JobConfig config, Source<Decoded<Trade>, ?, ?> trades, OutputSinks sinks) {
        super(NAME, config);
        this.trades = trades;
        this.sinks = sinks;
    }

    @Override
    public void define(StreamExecutionEnvironment env) {
        sinks.attach(Topology.build(KafkaInput.trades(env, trades, config), config));
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = config(args);
        new PipelineJob(config, KafkaInput.trades(config, NAME).build(),
                KafkaSinks.of(config, NAME)).execute();
    }
}
