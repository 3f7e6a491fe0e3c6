package io.quantstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.config.JobConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded cluster leaves out of a start that Flink's defaults do: the Pekko RPC jar is
 * extracted once and kept (Flink copies its 21 MB at every start), no delegation tokens are
 * fetched unless the job's {@code flink:} options (or {@code --flink KEY=VALUE}) ask for them, and
 * the metric query service has no actor system of its own.
 */
class LocalClusterStartUpTest {

    @TempDir Path tmp;

    @Test
    void delegationTokensAreOffUnlessTheJobConfigTurnsThemOn() {
        JobConfig config = new JobConfig();
        Configuration defaults = LocalCluster.clusterConfiguration(JobEnvironment.configuration(config), "0");
        assertThat(defaults.get(SecurityOptions.DELEGATION_TOKENS_ENABLED)).isFalse();

        config.flink.put("security.delegation.tokens.enabled", "true");
        Configuration asked = LocalCluster.clusterConfiguration(JobEnvironment.configuration(config), "0");
        assertThat(asked.get(SecurityOptions.DELEGATION_TOKENS_ENABLED)).isTrue();
    }

    @Test
    void theRpcJarIsExtractedOnceWithFlinksBytesAndReplacedWhenIncomplete() throws IOException {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, tmp.toString());
        Path jar = LocalRpcSystem.extracted(conf);
        assertThat(jar.getParent()).isEqualTo(tmp.resolve("quantstream-rpc-" + System.getProperty("user.name")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jar.getParent()))).isEqualTo("rwx------");
        try (JarFile extracted = new JarFile(jar.toFile())) {
            // the jar Flink's own loader reads its RPC system from
            assertThat(extracted.getEntry("META-INF/services/" + RpcSystem.class.getName())).isNotNull();
        }
        long modified = Files.getLastModifiedTime(jar).toMillis();
        long size = Files.size(jar);

        assertThat(LocalRpcSystem.extracted(conf)).isEqualTo(jar);
        assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(modified);

        Files.write(jar, new byte[] {1, 2, 3}); // a copy cut short, e.g. by a full disk
        assertThat(LocalRpcSystem.extracted(conf)).isEqualTo(jar);
        assertThat(Files.size(jar)).isEqualTo(size);
        try (var files = Files.list(jar.getParent())) {
            assertThat(files).containsExactly(jar); // no partial copy left behind
        }
    }

    @Test
    void aKeptFolderOthersCanWriteIsNotUsed() throws IOException {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, tmp.toString());
        Path folder = LocalRpcSystem.extracted(conf).getParent();
        // another user could have put a jar of the right size there: its classes would be loaded
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> LocalRpcSystem.extracted(conf)).isInstanceOf(IOException.class)
                .hasMessageContaining("own folder (rwx------)");
    }

    @Test
    void theMetricQueryServiceAnswersFromTheCommonActorSystem() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(100));
        try (LocalCluster cluster = new LocalCluster(conf, 1, "0")) {
            List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            assertThat(threads).anyMatch(name -> name.startsWith("flink-pekko."));
            // Flink's own start names the query service's actor system and its threads flink-metrics;
            // whatever Flink names it, one actor system runs: every Pekko thread is the common one's
            assertThat(threads).noneMatch(name -> name.startsWith(SingleActorSystem.METRICS_COMPONENT + "-pekko"));
            assertThat(threads.stream().filter(name -> name.contains("pekko")))
                    .allMatch(name -> name.startsWith("flink-pekko."));

            // the REST API's job manager metrics come from the query service (MetricFetcher); until
            // its first fetch the answer is [] and, while the dispatcher's leader is being looked
            // up on a loaded machine, an {"errors": ...} object
            String query = "/jobmanager/metrics?get=Status.JVM.Memory.Heap.Used";
            JsonNode metrics = cluster.get(query);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!metrics.path(0).has("value") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                metrics = cluster.get(query);
            }
            assertThat(metrics.path(0).path("id").asText()).as("last answer %s", metrics)
                    .isEqualTo("Status.JVM.Memory.Heap.Used");
            assertThat(metrics.path(0).path("value").asLong()).isPositive();
        }
    }
}
