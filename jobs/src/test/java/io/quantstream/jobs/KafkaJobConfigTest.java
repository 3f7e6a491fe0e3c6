package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

/**
 * A job on Kafka refuses a config it cannot run before it builds a Kafka client or a Flink job,
 * and runs with checkpoints, RocksDB and incremental checkpoints unless its config says otherwise.
 */
class KafkaJobConfigTest {

    @Test
    void batchModeABlankBrokerAndAnUnknownDeliveryGuaranteeAreRefusedTogether() {
        JobConfig config = new JobConfig();
        config.mode = "batch";
        config.kafka.bootstrapServers = " ";
        config.kafka.targetPositionsDelivery = "at-most-once";

        assertThatThrownBy(() -> new MarketDataJob(config, null, null))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "mode: the jobs on Kafka run in streaming mode only (their sinks"
                                        + " commit on checkpoints), got 'batch'",
                                "kafka.bootstrapServers: no broker given, e.g. localhost:9092",
                                "kafka.targetPositionsDelivery: 'at-most-once' is not a delivery"
                                        + " guarantee; guarantees: exactly-once, at-least-once"));
    }

    /**
     * {@code flink: {execution.runtime-mode: batch}} under a {@code mode: streaming} the checks
     * accept would run the job in BATCH; {@code automatic} would, on a bounded read.
     */
    @Test
    void aRuntimeModeUnderFlinkAndAutomaticModeAreRefused() {
        JobConfig config = new JobConfig();
        config.flink.put("execution.runtime-mode", "batch");
        assertThatThrownBy(() -> new MarketDataJob(config, null, null))
                .hasMessageStartingWith("flink.execution.runtime-mode: not a flink: option here;")
                .hasMessageContaining("write mode: streaming, batch or automatic");
        assertThatThrownBy(() -> JobEnvironment.kafkaJob(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("flink.execution.runtime-mode: ");

        config.flink.clear();
        config.mode = "automatic";
        assertThatThrownBy(() -> new MarketDataJob(config, null, null))
                .hasMessage("mode: the jobs on Kafka run in streaming mode only (their sinks"
                        + " commit on checkpoints), got 'automatic'");
    }

    @Test
    void aFactorJobWithoutFactorsAndAStrategyJobWithoutAStrategyAreRefused() {
        JobConfig config = new JobConfig();

        assertThatThrownBy(() -> new FactorJob(config, null, null))
                .hasMessage("factors: the factor job needs factors to compute, e.g. ema(20),rsi(14)");
        assertThatThrownBy(() -> new StrategyJob(config, null, null, null))
                .hasMessageStartingWith("universe, crossSection, strategy: the strategy job needs all three");
    }

    @Test
    void checkpointsEveryTenSecondsOnRocksDbIncrementallyUnlessTheFlinkOptionsSayOtherwise() {
        JobConfig config = new JobConfig();
        Configuration defaults = JobEnvironment.kafkaJob(config);
        config.flink.put("execution.checkpointing.interval", "2s");
        config.flink.put("state.backend.type", "hashmap");
        Configuration overridden = JobEnvironment.kafkaJob(config);

        assertThat(defaults.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(defaults.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(overridden.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
        assertThat(overridden.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(JobEnvironment.configuration(new JobConfig()).contains(
                CheckpointingOptions.CHECKPOINTING_INTERVAL)).as("the file job's").isFalse();
    }
}
