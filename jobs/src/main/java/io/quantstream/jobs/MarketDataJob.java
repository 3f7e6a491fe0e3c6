package io.quantstream.jobs;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.jobs.topology.OutputSinks;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.jobs.topology.TopologyOutputs;
import io.quantstream.model.Trade;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka {@code trades} → klines of the configured intervals on {@code klines}; rejected trades
 * and trade gaps on {@code dead-letters} ({@link Topology#klines}).
 *
 * <pre>{@code flink run -c io.quantstream.jobs.MarketDataJob jobs/target/quantstream-jobs.jar \
 *     --config config/kafka-jobs.yaml [--key.path value ...]}</pre>
 *
 * <p>The trades are validated and pre-aggregated right after the source, at its parallelism,
 * chained to it: each subtask reads whole partitions, and the {@code trades} key is the
 * instrument, so each instrument's trades arrive from one subtask in partition order. A minute
 * closes when the watermark (the minimum over the partitions that are not idle) passes it, also
 * for an instrument without trades in it.
 */
public final class MarketDataJob extends KafkaJob {

    /** The job's name in Kafka ids ({@code <name>.market-data.klines}) and the Flink job name. */
    public static final String NAME = "market-data";

    private final Source<Decoded<Trade>, ?, ?> trades;
    private final OutputSinks sinks;

    /** @param sinks {@code klines} and {@code deadLetters} are used */
    public MarketDataJob(JobConfig config, Source<Decoded<Trade>, ?, ?> trades, OutputSinks sinks) {
        super(NAME, config);
        this.trades = trades;
        this.sinks = sinks;
    }

    @Override
    public void define(StreamExecutionEnvironment env) {
        TopologyOutputs out = new TopologyOutputs();
        Topology.klines(KafkaInput.trades(env, trades, config), config, out);
        write(out, sinks);
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = config(args);
        new MarketDataJob(config, KafkaInput.trades(config, NAME).build(),
                KafkaSinks.of(config, NAME)).execute();
    }
}
