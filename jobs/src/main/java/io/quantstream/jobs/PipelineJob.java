package io.quantstream.jobs;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.jobs.topology.OutputSinks;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Trade;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The market-data, factor and strategy jobs in one, for small deployments: Kafka {@code trades}
 * and {@code control} → {@code klines}, {@code factors}, {@code cross-sections},
 * {@code target-positions}, {@code target-deltas}, {@code control-actions} and
 * {@code dead-letters} ({@link Topology#build}, the stages of the file job, the portfolio under
 * control as in {@link StrategyJob}).
 *
 * <pre>{@code flink run -c io.quantstream.jobs.PipelineJob jobs/target/quantstream-jobs.jar \
 *     --config config/kafka-jobs.yaml [--key.path value ...]}</pre>
 */
public final class PipelineJob extends KafkaJob {

    /** The job's name in Kafka ids ({@code <name>.pipeline.klines}) and the Flink job name. */
    public static final String NAME = "pipeline";

    private final Source<Decoded<Trade>, ?, ?> trades;
    private final Source<Decoded<ControlCommand>, ?, ?> control;
    private final OutputSinks sinks;

    /**
     * @param control the control commands ({@link KafkaInput#control}); bound it with the trades
     *     in a test
     * @param sinks one for each output the config asks for
     */
    public PipelineJob(JobConfig config, Source<Decoded<Trade>, ?, ?> trades,
            Source<Decoded<ControlCommand>, ?, ?> control, OutputSinks sinks) {
        super(NAME, config);
        this.trades = trades;
        this.control = control;
        this.sinks = sinks;
    }

    @Override
    public void define(StreamExecutionEnvironment env) {
        MarketData input = KafkaInput.trades(env, trades, config);
        SingleOutputStreamOperator<ControlCommand> commands = KafkaInput.control(env, control);
        input.deadLetters = input.deadLetters.union(commands.getSideOutput(DeadLetters.TAG));
        write(Topology.build(input, commands, config), sinks);
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = config(args);
        new PipelineJob(config, KafkaInput.trades(config, NAME).build(),
                KafkaInput.control(config, NAME).build(), KafkaSinks.of(config, NAME)).execute();
    }
}
