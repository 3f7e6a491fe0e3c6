package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker: topics created once from specs, kept across a restart, records kept whatever
 * their timestamps; a busy port refused.
 */
class KafkaBrokerITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path dir;

    @Test
    void missingTopicsAreCreatedWithTheirPartitionsAndConfigsAndOnlyOnce() {
        TopicSpec prices = new TopicSpec("broker-test-prices", 3, Map.of());
        TopicSpec targets = new TopicSpec("broker-test-targets", 2, Map.of("cleanup.policy", "compact"));

        List<String> first = Topics.createMissing(KAFKA.admin(), List.of(prices, targets));
        List<String> second = Topics.createMissing(KAFKA.admin(), List.of(prices, targets));

        assertThat(first).containsExactly("broker-test-prices", "broker-test-targets");
        assertThat(second).isEmpty();
        assertThat(Topics.describe(KAFKA.admin()))
                .contains(prices, targets);
    }

    @Test
    void topicsKeepRecordsWhateverTheirTimestamps() throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");

        String retention = KAFKA.admin().describeConfigs(List.of(broker)).all().get()
                .get(broker).get("log.retention.ms").value();

        // a replayed 2024 trade is older than any time-based retention: none may apply by default
        assertThat(retention).isEqualTo("-1");
    }

    @Test
    void aBrokerRestartedOnItsDataFolderKeepsItsTopics() throws Exception {
        TopicSpec kept = new TopicSpec("kept", 2, Map.of("cleanup.policy", "compact"));
        try (KafkaBroker broker = KafkaBroker.start(dir, 0, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Topics.createMissing(admin, List.of(kept));
        }
        try (KafkaBroker broker = KafkaBroker.start(dir, 0, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(Topics.describe(admin)).containsExactly(kept);
        }
    }

    @Test
    void aPortInUseIsRefusedWithItsNumber() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaBroker.start(dir, port, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("port " + port + " on localhost is in use (another broker or program)");
        }
    }
}
