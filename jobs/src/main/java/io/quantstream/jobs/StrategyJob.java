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
import io.quantstream.model.ControlCommand;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka {@code factors} → the universe's cross-sections on {@code cross-sections} → the
 * strategy's target positions on {@code target-positions} (key {@code reference|instrument},
 * compacted), under the commands of {@code control} (STOP, FLAT, RESUME): the change of each
 * target on {@code target-deltas}, what each command did on {@code control-actions}; rejected
 * records and commands on {@code dead-letters} ({@link Topology#strategy}). A bar's
 * cross-section is scored when the watermark, the minimum over the factors partitions that are
 * not idle, passes its close time (plus {@code crossSection.maxWait}).
 *
 * <pre>{@code flink run -c io.quantstream.jobs.StrategyJob jobs/target/quantstream-jobs.jar \
 *     --config config/kafka-jobs.yaml [--key.path value ...]}</pre>
 */
public final class StrategyJob extends KafkaJob {

    /** The job's name in Kafka ids ({@code <name>.strategy.target-positions}) and the Flink job name. */
    public static final String NAME = "strategy";

    private final Source<Decoded<FactorVector>, ?, ?> factors;
    private final Source<Decoded<ControlCommand>, ?, ?> control;
    private final OutputSinks sinks;

    /**
     * @param control the control commands ({@link KafkaInput#control}); bound it with the factors
     *     in a test
     * @param sinks {@code crossSections}, {@code targetPositions}, {@code targetDeltas},
     *     {@code controlActions} and {@code deadLetters} are used
     * @throws InvalidConfigException also when the config has no universe, cross-section or
     *     strategy
     */
    public StrategyJob(JobConfig config, Source<Decoded<FactorVector>, ?, ?> factors,
            Source<Decoded<ControlCommand>, ?, ?> control, OutputSinks sinks) {
        super(NAME, config);
        if (config.universe == null || config.crossSection == null || config.strategy == null) {
            throw new InvalidConfigException(List.of("universe, crossSection, strategy: the"
                    + " strategy job needs all three (see config/kafka-jobs.yaml)"));
        }
        this.factors = factors;
        this.control = control;
        this.sinks = sinks;
    }

    @Override
    public void define(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<FactorVector> read =
                KafkaInput.read(env, factors, JsonRecords.FACTORS, "factors", config);
        SingleOutputStreamOperator<ControlCommand> commands = KafkaInput.control(env, control);
        TopologyOutputs out = new TopologyOutputs();
        out.deadLetters = read.getSideOutput(DeadLetters.TAG)
                .union(commands.getSideOutput(DeadLetters.TAG));
        Topology.strategy(read, commands, config, out);
        write(out, sinks);
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = config(args);
        new StrategyJob(config, KafkaInput.factors(config, NAME).build(),
                KafkaInput.control(config, NAME).build(), KafkaSinks.of(config, NAME)).execute();
    }
}
