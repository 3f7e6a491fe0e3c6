package io.quantstream.connectors.iceberg.sink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.ModelRows;
import io.quantstream.model.Trade;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TableSink} refuses before it adds anything to a job. */
class TableSinkTest {

    @TempDir Path warehouse;

    @Test
    void unalignedCheckpointsAreRefusedWhetherConfiguredOrSetOnTheEnvironment() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        StreamExecutionEnvironment configured = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamExecutionEnvironment set = StreamExecutionEnvironment.getExecutionEnvironment();
        set.enableCheckpointing(1000);
        set.getCheckpointConfig().enableUnalignedCheckpoints();

        for (StreamExecutionEnvironment env : new StreamExecutionEnvironment[] {configured, set}) {
            assertThatThrownBy(() -> TableSink.append(
                    env.fromData(TypeInformation.of(Trade.class), new Trade()), ModelRows.trades(),
                    new TableSinkSpec(CatalogSpec.embedded(warehouse), "iceberg-trades")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unaligned checkpoints", "apache/iceberg#15846");
        }
    }
}
