package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin JAR} on every command that builds or reads a job with factors or strategies:
 * a missing file, a file that is not a jar and a jar without plug-ins each stop the command with
 * exit code 1 and what is wrong, before anything is started.
 */
class PluginOptionTest {

    /** Each command with its other arguments, as far as they are checked after the jars. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("run", "--config", "../config/demo.yaml", "--no-web-ui"),
            List.of("backtest", "--config", "../config/backtest.yaml", "--no-web-ui"),
            List.of("live", "--config", "../config/kafka-jobs.yaml", "--no-web-ui"),
            List.of("state", "inspect", "nowhere", "--job", "pipeline", "--config",
                    "../config/kafka-jobs.yaml"),
            List.of("state", "bootstrap", "--config", "../config/kafka-jobs.yaml",
                    "--from-history", "market.klines", "--out", "nowhere"));

    @TempDir Path dir;

    @Test
    void aPluginJarThatDoesNotExistIsNamedByEveryCommand() {
        Path missing = dir.resolve("missing.jar");
        for (List<String> command : COMMANDS) {
            CliRun run = run(command, missing);
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(1);
            assertThat(run.err()).as(command.toString())
                    .contains("error: --plugin " + missing.toAbsolutePath() + ": no such file");
        }
    }

    @Test
    void aFileThatIsNotAJarOrAJarWithoutPluginsIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        Path empty = dir.resolve("empty.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(empty))) {
            jar.putNextEntry(new java.util.jar.JarEntry("README"));
        }
        for (List<String> command : List.of(COMMANDS.get(1), COMMANDS.get(3))) {
            CliRun notJar = run(command, text);
            assertThat(notJar.exitCode()).isEqualTo(1);
            assertThat(notJar.err()).contains("--plugin " + text.toAbsolutePath() + ": not a jar");
            CliRun noPlugins = run(command, empty);
            assertThat(noPlugins.exitCode()).isEqualTo(1);
            assertThat(noPlugins.err()).contains("--plugin " + empty.toAbsolutePath()
                    + ": the jar holds no plug-in (it has neither"
                    + " META-INF/services/io.quantstream.factor.spi.FactorPlugin nor"
                    + " META-INF/services/io.quantstream.portfolio.spi.StrategyPlugin)");
        }
    }

    @Test
    void theOptionIsDocumentedInEachCommandsHelp() {
        for (List<String> command : COMMANDS) {
            List<String> help = new ArrayList<>(command.subList(0, command.get(0).equals("state") ? 2 : 1));
            help.add("--help");
            CliRun run = CliRun.run(help.toArray(String[]::new));
            assertThat(run.out()).as(help.toString()).contains("--plugin=JAR");
        }
    }

    private static CliRun run(List<String> command, Path jar) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--plugin", jar.toString()));
        return CliRun.run(args.toArray(String[]::new));
    }
}
