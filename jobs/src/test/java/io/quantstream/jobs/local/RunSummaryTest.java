package io.quantstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.topology.FileSinks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @Test
    void countsTargetPositionsWithoutAScoreByReason(@TempDir Path out) throws Exception {
        Files.write(out.resolve(FileSinks.TARGET_POSITIONS + ".jsonl"), List.of(
                "{\"symbol\":\"A\",\"weight\":0.25,\"reason\":null}",
                "{\"symbol\":\"B\",\"weight\":0.0,\"reason\":\"not-reported\"}",
                "{\"symbol\":\"C\",\"weight\":0.0,\"reason\":\"factor-not-finite\"}",
                "{\"symbol\":\"D\",\"weight\":-0.25,\"reason\":null}",
                "{\"symbol\":\"B\",\"weight\":0.0,\"reason\":\"not-reported\"}"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        RunSummary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), out, List.of(), 1.0);

        String summary = bytes.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("target-positions.jsonl", "5 records");
        assertThat(summary).containsSubsequence(
                "target positions without a score (weight 0) by reason:",
                "factor-not-finite", "1", "not-reported", "2");
        assertThat(summary).doesNotContain("null");
    }
}
