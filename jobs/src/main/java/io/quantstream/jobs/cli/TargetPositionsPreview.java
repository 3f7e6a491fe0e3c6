package io.quantstream.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.topology.FileSinks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the target positions of the last decision time in a run's output folder: every
 * instrument of the universe, those without a score at weight 0 with the reason.
 */
final class TargetPositionsPreview {

    private TargetPositionsPreview() {}

    static void print(PrintStream out, Path outputDir) throws IOException {
        Path file = outputDir.resolve(FileSinks.TARGET_POSITIONS + ".jsonl");
        if (!Files.exists(file)) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> last = new ArrayList<>();
        long lastTime = Long.MIN_VALUE;
        for (String line : Files.readAllLines(file)) {
            JsonNode p = json.readTree(line);
            long time = p.path("time").asLong();
            if (time > lastTime) {
                last.clear();
                lastTime = time;
            }
            if (time == lastTime) {
                last.add(p);
            }
        }
        if (last.isEmpty()) {
            return;
        }
        out.printf("%ntarget positions at %s (%s):%n", Instant.ofEpochMilli(lastTime + 1),
                last.get(0).path("reference").asText());
        out.printf("  %-18s %9s %18s %14s  %s%n", "instrument", "weight", "quantity", "price",
                "unscored: why");
        for (JsonNode p : last) {
            out.printf("  %-18s %+9.4f %18s %14s  %s%n",
                    p.path("market").asText() + ":" + p.path("symbol").asText(),
                    p.path("weight").asDouble(), p.path("quantity").asText(),
                    p.path("price").asText("-"), p.path("reason").asText(""));
        }
    }
}
