package io.quantstream.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.topology.FileSinks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** The short report printed after a local run: time, records per task, files written. */
public final class RunSummary {

    private RunSummary() {}

    public static void print(PrintStream out, Path outputDir, List<LocalCluster.VertexCounts> vertices,
            double seconds) throws IOException {
        out.printf("finished in %.1f s%n%n", seconds);
        if (!vertices.isEmpty()) {
            out.printf("%-70s %5s %14s %14s%n", "task (chained stages)", "par", "records in", "records out");
            for (LocalCluster.VertexCounts v : vertices) {
                String name = v.name.length() > 70 ? v.name.substring(0, 67) + "..." : v.name;
                out.printf("%-70s %5d %,14d %,14d%n", name, v.parallelism, v.recordsIn, v.recordsOut);
            }
            out.println();
        }
        Map<String, Long> files = new TreeMap<>();
        long klineFiles = 0;
        long klineRows = 0;
        boolean byMarket = false;
        try (Stream<Path> list = Files.walk(outputDir, 2)) {
            for (Path file : (Iterable<Path>) list::iterator) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                long lines = countLines(file);
                if (name.endsWith(".csv")) {
                    klineFiles++;
                    klineRows += Math.max(0, lines - 1);
                    byMarket |= !file.getParent().equals(outputDir); // DIR/<market>/...
                } else if (file.getParent().equals(outputDir)) {
                    files.put(name, lines);
                }
            }
        }
        out.printf("outputs in %s%n", outputDir.toAbsolutePath());
        out.printf("  %-28s %,d rows in %d files (%s<SYMBOL>-<interval>.csv)%n", "klines",
                klineRows, klineFiles, byMarket ? "<market>/" : "");
        files.forEach((name, lines) -> out.printf("  %-28s %,d records%n", name, lines));
        Map<String, Long> unscored = unscoredTargetReasons(
                outputDir.resolve(FileSinks.TARGET_POSITIONS + ".jsonl"));
        if (!unscored.isEmpty()) {
            out.println("target positions without a score (weight 0) by reason:");
            unscored.forEach((reason, n) -> out.printf("  %-28s %,d%n", reason, n));
        }
        Map<String, Long> reasons = deadLetterReasons(
                outputDir.resolve(FileSinks.DEAD_LETTERS + ".jsonl"));
        if (!reasons.isEmpty()) {
            out.println("dead letters by stage/reason:");
            reasons.forEach((reason, n) -> out.printf("  %-28s %,d%n", reason, n));
        }
    }

    private static long countLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    static Map<String, Long> deadLetterReasons(Path file) throws IOException {
        return countBy(file,
                node -> node.path("stage").asText() + "/" + node.path("reason").asText());
    }

    /** Target positions with a {@code reason} (no score, weight 0), counted by reason. */
    static Map<String, Long> unscoredTargetReasons(Path file) throws IOException {
        return countBy(file, node -> node.path("reason").asText(null));
    }

    /** Lines of a JSON-lines file counted by {@code key}; lines whose key is null are skipped. */
    private static Map<String, Long> countBy(Path file, Function<JsonNode, String> key)
            throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        if (!Files.exists(file)) {
            return counts;
        }
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String k = key.apply(json.readTree(line));
                if (k != null) {
                    counts.merge(k, 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}
