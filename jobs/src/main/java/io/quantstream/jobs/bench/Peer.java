package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Another system doing trades → exact 1m klines on the same peerbench folder, run by
 * {@code ../shared/tools/peerbench/bin/peerbench} in a process of its own; its variants are the
 * exact ones of peerbench's RESULTS.md.
 */
public enum Peer {
    /** DuckDB 1.4 JDBC in memory: {@code read_csv} of every file, one {@code GROUP BY}. */
    DUCKDB("duckdb", "csv -> klines", "duckdb", "--variant", "csv"),
    /** Flink 2.1 SQL in BATCH, TUMBLE windows, open/close by trade id (its exact variant). */
    FLINK_SQL("flink-sql", "batch, open/close by id", "flink-sql", "--mode", "batch",
            "--open-close", "arg"),
    /** A hand-written Java loop, bytes to scaled longs: the practical ceiling. */
    PLAIN("plain", "hand-written loop", "plain");

    private final String label;
    private final String variant;
    private final List<String> arguments;

    Peer(String label, String variant, String... arguments) {
        this.label = label;
        this.variant = variant;
        this.arguments = Arrays.asList(arguments);
    }

    /** Its name on the command line, e.g. {@code duckdb}. */
    public String label() {
        return label;
    }

    /** What runs, e.g. {@code csv -> klines}. */
    public String variant() {
        return variant;
    }

    /**
     * @throws IllegalArgumentException naming the peers there are
     */
    public static Peer of(String label) {
        for (Peer peer : values()) {
            if (peer.label.equals(label.toLowerCase(Locale.ROOT))) {
                return peer;
            }
        }
        throw new IllegalArgumentException("--peer: unknown '" + label + "' (duckdb, flink-sql, plain)");
    }

    /** The launcher {@code bin/peerbench} of a peerbench folder, checked. */
    public static Path launcher(Path peerbench) {
        Path launcher = peerbench.resolve("bin").resolve("peerbench");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--peerbench: no executable bin/peerbench in " + peerbench
                    + " (expected ../shared/tools/peerbench beside the checkout)");
        }
        return launcher;
    }

    /** The command that runs this peer on {@code data}, writing its klines to {@code out}. */
    public List<String> command(Path launcher, Path data, Path out, int parallelism) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(arguments);
        command.addAll(List.of("--data", data.toString(), "--out", out.toString(),
                "--parallelism", String.valueOf(parallelism)));
        return command;
    }

    /**
     * Builds peerbench when it is not built yet or its sources changed (its launcher does on any
     * call), so that no build is measured.
     *
     * @throws IllegalStateException if the build fails
     */
    public static void prepare(Path launcher, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(launcher.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // with no command it builds if needed, prints its usage and exits 2
        if (p.waitFor() != 2) {
            throw new IllegalStateException("building peerbench failed; see " + log);
        }
    }

    /**
     * The peer's klines checked against the expected klines by peerbench's own {@code verify}
     * (every field of every expected kline, numerically).
     */
    public static KlineVerifier.Result verify(Path launcher, Path data, Path klines, Path log)
            throws IOException, InterruptedException {
        WholeProcess.run(List.of(launcher.toString(), "verify", "--data", data.toString(),
                "--actual", klines.toString()), log);
        String output = Files.readString(log);
        JsonNode report = new ObjectMapper().readTree(output.substring(output.lastIndexOf("{\"klines_expected\"")));
        KlineVerifier.Result result = new KlineVerifier.Result();
        result.totalFields = report.path("fields_total").asLong();
        result.matchedFields = report.path("fields_matched").asLong();
        long extra = report.path("extra").asLong() + report.path("duplicates").asLong();
        if (extra > 0) {
            result.problem(extra + " klines not expected (extra or duplicate)");
        }
        report.path("examples").forEach(e -> result.problem(e.asText()));
        return result;
    }
}
