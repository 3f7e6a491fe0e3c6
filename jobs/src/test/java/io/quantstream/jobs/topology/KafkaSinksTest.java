package io.quantstream.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.config.JobConfig;
import org.junit.jupiter.api.Test;

/**
 * Transactional ids stay the same across restarts (they come from the config, never from the
 * run) and differ between sinks: one prefix per config name, job and topic.
 */
class KafkaSinksTest {

    @Test
    void theTransactionalIdPrefixIsTheConfigNameTheJobAndTheTopic() {
        JobConfig config = new JobConfig();
        config.name = "Desk A live";

        assertThat(KafkaSinks.transactionalIdPrefix(config, "market-data", "klines"))
                .isEqualTo("desk-a-live.market-data.klines");
        assertThat(KafkaSinks.transactionalIdPrefix(config, "pipeline", "klines"))
                .isEqualTo("desk-a-live.pipeline.klines");
    }
}
