package io.quantstream.connectors.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka broker ({@link KafkaBroker}) for one test class: started before its
 * first test on free ports with a fresh data folder, stopped and deleted after its last.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * KAFKA.createTopics(new TopicSpec("klines", 2, Map.of()));
 * String bootstrap = KAFKA.bootstrapServers();
 * }</pre>
 *
 * <p>Tests of one class share the broker: give each test its own topic names.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dataDir;
    private KafkaBroker broker;
    private Admin admin;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        dataDir = Files.createTempDirectory("kafka-broker-");
        broker = KafkaBroker.start(dataDir, 0, 0);
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        KafkaBroker.awaitReachable(broker.bootstrapServers(), Duration.ofSeconds(60));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        admin.close();
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** {@code localhost:<port>} of the running broker. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** An admin client of the broker, closed after the class. */
    public Admin admin() {
        return admin;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(TopicSpec... topics) {
        Topics.createMissing(admin, List.of(topics));
    }
}
