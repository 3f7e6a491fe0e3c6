package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code FlinkDeployment} manifests in {@code k8s/} (Flink Kubernetes Operator, on paper):
 * one per job, each naming a job class with a {@code main}, Flink 2.1, savepoint upgrades, and
 * the settings of {@code flink-conf/config.yaml} key for key.
 */
class FlinkDeploymentManifestsTest {

    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();
    /** Where a pod cannot use the standalone value: durable folders, memory from the resources. */
    private static final Set<String> KUBERNETES_OWN = Set.of("execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir", "jobmanager.memory.process.size",
            "taskmanager.memory.process.size");

    @Test
    void oneManifestPerJobEachNamingAJobClassWithMain() throws Exception {
        Set<String> classes = new TreeSet<>();
        for (JsonNode manifest : manifests()) {
            assertThat(manifest.get("kind").asText()).isEqualTo("FlinkDeployment");
            JsonNode spec = manifest.get("spec");
            assertThat(spec.get("flinkVersion").asText()).isEqualTo("v2_1");
            JsonNode job = spec.get("job");
            assertThat(job.get("upgradeMode").asText()).isEqualTo("savepoint");
            String entryClass = job.get("entryClass").asText();
            Class<?> type = Class.forName(entryClass, false, getClass().getClassLoader());
            assertThat(Modifier.isStatic(type.getMethod("main", String[].class).getModifiers()))
                    .as(entryClass).isTrue();
            classes.add(type.getSimpleName());
            List<String> args = new ArrayList<>();
            job.get("args").forEach(a -> args.add(a.asText()));
            String config = args.get(args.indexOf("--config") + 1);
            assertThat(ROOT.resolve("config").resolve(Paths.get(config).getFileName()))
                    .as("the job config the ConfigMap holds").exists();
        }
        assertThat(classes).containsExactly("FactorJob", "IngestJob", "MarketDataJob", "StrategyJob");
    }

    @Test
    void flinkConfigurationIsTheClustersConfigYaml() throws Exception {
        Map<String, String> cluster = flatten(YAML.readTree(ROOT.resolve("flink-conf/config.yaml").toFile()));
        for (JsonNode manifest : manifests()) {
            String name = manifest.get("metadata").get("name").asText();
            Map<String, String> deployment = new TreeMap<>();
            manifest.get("spec").get("flinkConfiguration").fields()
                    .forEachRemaining(e -> deployment.put(e.getKey(), e.getValue().asText()));
            cluster.forEach((key, value) -> {
                if (!KUBERNETES_OWN.contains(key)) {
                    assertThat(deployment.get(key)).as("%s: %s", name, key).isEqualTo(value);
                }
            });
            assertThat(deployment).as(name).containsKeys("execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir");
            JsonNode spec = manifest.get("spec");
            assertThat(spec.get("jobManager").get("resource").get("memory").asText()).as(name)
                    .isEqualTo(cluster.get("jobmanager.memory.process.size"));
            assertThat(spec.get("taskManager").get("resource").get("memory").asText()).as(name)
                    .isEqualTo(cluster.get("taskmanager.memory.process.size"));
        }
    }

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".yaml")).sorted()::iterator) {
                manifests.add(YAML.readTree(file.toFile()));
            }
        }
        assertThat(manifests).isNotEmpty();
        return manifests;
    }

    /** Flink's view of a nested config.yaml: keys joined with dots, values as text. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", node, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), flat));
        } else {
            flat.put(prefix.substring(0, prefix.length() - 1), node.asText());
        }
    }
}
