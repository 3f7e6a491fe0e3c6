package io.quantstream.connectors.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the configured topics that do not exist yet, and describes topics.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:9092"))) {
 *     List<String> created = Topics.createMissing(admin, specs);
 * }}</pre>
 *
 * <p>New topics get the broker's default replication factor (1 on {@link KafkaBroker}). An
 * existing topic is left as it is, even where its partitions or configs differ from the spec:
 * partitions can only grow (and that moves keys to other partitions), so changing them is a
 * deliberate step for an operator.
 */
public final class Topics {

    static final long METADATA_WAIT_MS = 30_000;

    private Topics() {}

    /**
     * Creates every topic of {@code specs} the cluster does not have, and returns once the
     * broker's metadata lists them (a KRaft broker acknowledges a creation before its metadata
     * cache shows the topic, so a listing right after the acknowledgement can miss it).
     *
     * @return the names of the topics created, in the order of {@code specs}
     * @throws IllegalStateException if the cluster refuses a topic, cannot be reached, or does not
     *     list a created topic within {@value #METADATA_WAIT_MS} ms
     */
    public static List<String> createMissing(Admin admin, Collection<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.stream()
                    .filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), Optional.of(s.partitions()), Optional.empty())
                            .configs(s.configs()))
                    .collect(Collectors.toList());
            List<String> created = new ArrayList<>();
            var results = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                try {
                    results.get(topic.name()).get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // created meanwhile
                        throw new IllegalStateException(
                                "cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            awaitListed(admin, created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        }
    }

    private static void awaitListed(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException {
        long deadline = System.currentTimeMillis() + METADATA_WAIT_MS;
        while (!admin.listTopics().names().get().containsAll(names)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("created topics " + names + " are not listed by the broker after "
                        + METADATA_WAIT_MS + " ms");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The topics of the cluster (internal ones excluded) with their partition counts and the
     * configs that differ from the broker's defaults, sorted by name.
     */
    public static List<TopicSpec> describe(Admin admin) {
        try {
            Set<String> names = admin.listTopics().names().get();
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .collect(Collectors.toList())).all().get();
            return names.stream().sorted().map(name -> {
                Map<String, String> set = new LinkedHashMap<>();
                for (ConfigEntry entry : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries()) {
                    if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                        set.put(entry.name(), entry.value());
                    }
                }
                return new TopicSpec(name, descriptions.get(name).partitions().size(), set);
            }).collect(Collectors.toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e);
        }
    }
}
