package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in {@code state bootstrap} and {@code bench state} arguments, found before any job runs. */
class StateCommandTest {

    @TempDir Path work;

    @Test
    void bootstrapFromHistoryThatDoesNotExistSaysSo() {
        Path missing = work.resolve("no-klines");
        CliRun run = CliRun.run("state", "bootstrap", "--from-history", missing.toString(),
                "--config", "../config/demo.yaml", "--out", work.resolve("sp").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no such file or folder").contains(missing.toString());
        assertThat(work.resolve("sp")).doesNotExist();
    }

    @Test
    void bootstrapIntoAnExistingFolderIsRefused() throws IOException {
        Path out = Files.createDirectories(work.resolve("sp"));
        CliRun run = CliRun.run("state", "bootstrap", "--from-history",
                SharedData.require("binance/vision/futures/um/monthly/klines/LTCUSDT").toString(),
                "--config", "../config/demo.yaml", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("already exists (a savepoint is written to a new folder): "
                + out);
    }

    @Test
    void bootstrapOfAConfigWithoutFactorsSaysThereIsNothingToBootstrap() {
        CliRun run = CliRun.run("state", "bootstrap", "--from-history", "market.klines",
                "--config", "../config/ingest.yaml", "--out", work.resolve("sp").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("factors: nothing to bootstrap, the config computes no factors");
    }

    @Test
    void benchStateListsEveryBadOptionBeforeStartingAnything() {
        CliRun run = CliRun.run("bench", "state", "--measure", "savepoints,restores",
                "--instruments", "1", "--intervals", "1m,7x", "--work", work.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--measure: unknown 'restores' (savepoints, checkpoints)")
                .contains("--instruments must be ≥ 2").contains("--intervals: ");
    }
}
