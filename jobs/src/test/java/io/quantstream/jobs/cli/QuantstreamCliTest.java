package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run in-process as {@code bin/quantstream} runs them: a path that does not exist, or a
 * config the job cannot run, ends the command before any Flink job with a non-zero exit code and a
 * message that says what is missing or wrong and what was expected.
 */
class QuantstreamCliTest {

    private static final String EXPECTED_INPUT =
            "(expected Binance archive files or websocket captures)";

    @TempDir Path dir;

    @Test
    void klinesOnAnInputThatDoesNotExistSaysWhatIsMissing() {
        Path missing = dir.resolve("nonexistent");
        CliRun result = CliRun.run("klines", "--input", missing.toString(),
                "--output", dir.resolve("out").toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such file or folder: " + missing + " " + EXPECTED_INPUT);
    }

    @Test
    void klinesIntoAnOutputThatIsAFileSaysSo() throws IOException {
        Path input = oneMinuteKlines("AAAUSDT");
        Path file = Files.writeString(dir.resolve("out.txt"), "");
        CliRun result = CliRun.run("klines", "--input", input.toString(), "--market", "usdm",
                "--output", file.toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("output: " + file + " is a file, not a folder");
    }

    @Test
    void runWithAConfigThatDoesNotExistSaysWhatIsMissing() {
        Path missing = dir.resolve("missing.yaml");
        CliRun result = CliRun.run("run", "--config", missing.toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such file: " + missing
                + " (expected a YAML job config, e.g. config/demo.yaml)");
    }

    @Test
    void runOnAnInputPathThatDoesNotExistSaysWhatIsMissing() throws IOException {
        Path missing = dir.resolve("nonexistent");
        Path config = Files.writeString(dir.resolve("job.yaml"), "output: " + dir.resolve("out")
                + "\ninput:\n  paths: [" + oneMinuteKlines("AAAUSDT") + "]\n");
        CliRun result = CliRun.run("run", "--config", config.toString(),
                "--input.paths", missing.toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such file or folder: " + missing + " " + EXPECTED_INPUT);
    }

    /** Before: every factor vector dead-lettered as missing-factor, no targets, exit code 0. */
    @Test
    void runWithAWeightOnAFactorThatIsNotComputedStopsBeforeTheJob() throws IOException {
        oneMinuteKlines("AAAUSDT");
        Path input = oneMinuteKlines("BBBUSDT").getParent();
        Path out = Files.createDirectory(dir.resolve("out"));
        Path earlier = Files.writeString(out.resolve("target-positions.jsonl"), "{}\n");
        Path config = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "input: {paths: [" + input + "], market: usdm}",
                "output: " + out,
                "klines: {intervals: [1m, 1h]}",
                "factors: log_return(12),ema(12)",
                "factorIntervals: [1h]",
                "universe: {name: test, symbols: [AAAUSDT, BBBUSDT]}",
                "crossSection: {interval: 1h, weights: {log_return_24: -1.0}}",
                "strategy: {name: test}", ""));
        CliRun result = CliRun.run("run", "--config", config.toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("crossSection.weights: factor 'log_return_24' is not"
                + " computed; factors: log_return_12, ema_12");
        assertThat(earlier).as("the last run's outputs stay").exists();
    }

    @Test
    void demoWithADataFolderThatDoesNotExistSaysWhatIsMissing() {
        Path missing = dir.resolve("nonexistent");
        CliRun result = CliRun.run("demo", "--data", missing.toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such folder: " + missing
                + " (expected the shared data folder, see ../shared/data/README.md");
    }

    @Test
    void demoWithADataFolderWithoutItsFilesListsTheMissingOnes() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("data"));
        CliRun result = CliRun.run("demo", "--data", empty.toString(), "--no-web-ui");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("these files are missing:", "  binance/ws/usdm/btcusdt_20240718.gz",
                "  binance/vision/futures/um/monthly/klines/ALGOUSDT/1m/ALGOUSDT-1m-2026-02.csv.gz");
    }

    @Test
    void liveWithExitWhenDoneButNoReplaySaysTheInputHasNoEnd() {
        CliRun result = CliRun.run("live", "--config", "../config/kafka-jobs.yaml", "--exit-when-done",
                "--no-web-ui", "--kafka.bootstrapServers", "localhost:1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("--exit-when-done needs --replay: without a replay the input has no end");
    }

    @Test
    void liveReplayingAPathThatDoesNotExistSaysSoBeforeItStartsAnything() {
        Path missing = dir.resolve("nonexistent");
        CliRun result = CliRun.run("live", "--config", "../config/kafka-jobs.yaml", "--replay", missing.toString(),
                "--state", dir.resolve("state").toString(), "--dir", dir.resolve("kafka").toString(),
                "--no-web-ui", "--kafka.bootstrapServers", "localhost:1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such file or folder: " + missing);
        assertThat(dir.resolve("kafka")).as("no broker started").doesNotExist();
    }

    @Test
    void liveOnABoundedConfigSaysTheTopicsAreReadWithoutEnd() {
        CliRun result = CliRun.run("live", "--config", "../config/kafka-jobs.yaml", "--kafka.bounded", "true",
                "--no-web-ui", "--kafka.bootstrapServers", "localhost:1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("kafka.bounded: a live run reads its topics without end");
    }

    @Test
    void benchKlinesWithADataFolderThatDoesNotExistSaysWhatIsMissing() {
        Path missing = dir.resolve("nonexistent");
        CliRun result = CliRun.run("bench", "klines", "--data", missing.toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such folder: " + missing
                + " (expected a folder written by ../shared/tools/peerbench/bin/gen");
    }

    @Test
    void benchKlinesWithoutAManifestSaysWhatIsMissing() throws IOException {
        Files.writeString(dir.resolve("AAAUSDT-aggTrades-2024-01-01.csv"), "");
        CliRun result = CliRun.run("bench", "klines", "--data", dir.toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no manifest.json in " + dir);
    }

    @Test
    void benchLiveListsEveryBadOptionBeforeStartingAnything() {
        Path missing = dir.resolve("nonexistent");
        CliRun result = CliRun.run("bench", "live", "--data", missing.toString(), "--measure", "throughput,speed",
                "--deliveries", "sometimes", "--work", dir.resolve("work").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--data: no such folder: " + missing,
                "--measure: unknown 'speed' (throughput, latency)",
                "--deliveries: unknown 'sometimes' (at-least-once, exactly-once)");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    /**
     * Issue 5 defect 9 for the commands the tests above do not run: each names the path that
     * does not exist and what it expected, and exits non-zero, before it starts anything.
     */
    @Test
    void everyOtherCommandOnAPathThatDoesNotExistSaysWhatIsMissing() {
        Path missing = dir.resolve("nonexistent");
        String m = missing.toString();
        String[][] commands = {
            {"load", "--input", m, "--catalog.warehouse", dir.resolve("wh").toString()},
            {"backtest", "--config", m, "--no-web-ui"},
            {"sql", m},
            {"replay", "--input", m, "--bootstrap-servers", "localhost:1"},
            {"live", "--config", m, "--no-web-ui"},
            {"kafka", "start", "--config", m, "--dir", dir.resolve("kafka").toString()},
            {"bench", "history", "--klines", m, "--out", dir.resolve("history").toString()},
        };
        for (String[] command : commands) {
            CliRun result = CliRun.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isNotZero();
            assertThat(result.err()).as(String.join(" ", command))
                    .containsPattern("no such (file|file or folder): " + java.util.regex.Pattern.quote(m)
                            + " \\(expected [^)]+\\)");
        }
        assertThat(dir.resolve("wh")).as("no warehouse made").doesNotExist();
        assertThat(dir.resolve("kafka")).as("no broker started").doesNotExist();
        assertThat(dir.resolve("history")).doesNotExist();
    }

    /**
     * Before: usage, results and progress went to {@code System.out}, past the writer a caller
     * (a test, a script reading {@code --json}) gave the command line.
     */
    @Test
    void aCommandPrintsOnItsCommandLinesOwnOutput() {
        CliRun usage = CliRun.run("state");
        assertThat(usage.exitCode()).isZero();
        assertThat(usage.out()).startsWith("Usage: quantstream state").contains("inspect", "bootstrap");
        assertThat(usage.err()).isEmpty();
    }

    /**
     * A command line builds only the command its first argument names (picocli reflects over
     * every command it is given); the usage, {@code help COMMAND} and a mistyped command see all.
     */
    @Test
    void onlyTheNamedCommandIsBuiltAndHelpStillListsThemAll() {
        assertThat(QuantstreamCli.commandLine("klines", "--help").getSubcommands()).containsOnlyKeys("klines");
        assertThat(QuantstreamCli.commandLine().getSubcommands().keySet())
                .containsExactly("demo", "klines", "run", "backtest", "load", "sql", "bench", "kafka",
                        "topic", "replay", "live", "state", "help");

        CliRun usage = CliRun.run();
        assertThat(usage.exitCode()).isZero();
        assertThat(usage.out()).contains("klines", "backtest", "state", "help");
        CliRun help = CliRun.run("help", "klines");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: quantstream klines").contains("--output=DIR");
        CliRun mistyped = CliRun.run("klins");
        assertThat(mistyped.exitCode()).isEqualTo(2);
        assertThat(mistyped.err()).contains("klins", "klines");
    }

    @Test
    void aFileSystemErrorNamesTheFile() {
        assertThat(QuantstreamCli.message(new RuntimeException(
                new java.nio.file.NoSuchFileException("/x/manifest.json"))))
                .isEqualTo("no such file or folder: /x/manifest.json");
    }

    /** An archive 1m kline file of one bar, in {@code dir/in}. */
    private Path oneMinuteKlines(String symbol) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        return Files.writeString(in.resolve(symbol + "-1m-2024-01.csv"),
                "1704067200000,1.0,1.0,1.0,1.0,1,1704067259999,1,1,0,0,0\n");
    }
}
