package io.quantstream.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster most integration tests share per class (one per class, started once). */
public final class MiniClusters {

    private MiniClusters() {}

    /**
     * One task manager with two slots: jobs of parallelism 2 (the default of {@code JobConfig},
     * this machine's cores). Flink's default of one slot leaves such a job SCHEDULED, silently.
     */
    public static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }
}
