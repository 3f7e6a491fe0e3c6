package io.quantstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code run} leaves of an earlier run's output folder before its job starts. A run resumed
 * from the checkpoint of a killed one ({@code --flink.execution.state-recovery.path}) used to
 * delete the committed parts too: the restored sinks then failed to commit the checkpoint's parts
 * and the job restarted without end.
 */
class LocalRunOutputTest {

    @TempDir Path out;

    private Path part;

    @BeforeEach
    void anEarlierRunsOutput() throws IOException {
        Files.writeString(out.resolve("BTCUSDT-1m.csv"), "open_time\n");
        Files.writeString(out.resolve("factors.jsonl"), "{}\n");
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        part = Files.createDirectories(out.resolve("parts/factors.jsonl"))
                .resolve("part-0-0000000003.jsonl");
        Files.writeString(part, "{}\n");
    }

    @Test
    void aFreshRunDeletesTheEarlierFilesAndParts() throws IOException {
        LocalRun.prepareOutput(out, new Configuration());
        assertThat(out.resolve("parts")).doesNotExist();
        assertThat(out.resolve("BTCUSDT-1m.csv")).doesNotExist();
        assertThat(out.resolve("factors.jsonl")).doesNotExist();
        assertThat(out.resolve("notes.txt")).as("not a run's file").exists();
    }

    @Test
    void aRestoredRunKeepsTheCommittedParts() throws IOException {
        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, "file:///tmp/checkpoints/chk-6");
        LocalRun.prepareOutput(out, conf);
        assertThat(part).exists();
        assertThat(out.resolve("factors.jsonl")).as("assembled again at the end").doesNotExist();
        assertThat(out.resolve("notes.txt")).exists();
    }
}
