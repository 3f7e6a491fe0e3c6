package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.KlineCsvFiles;
import io.quantstream.testing.FlakyPlugins;
import io.quantstream.testing.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state bootstrap} with a plug-in factor that throws at some bars does what the jobs do
 * ({@code FailingPluginITCase}): those bars are not taken into the factor's state, and the
 * bootstrap goes on; the savepoint is written, the failures are counted and the first one
 * described, exit code 1. (That a failed bar leaves the factor's state as it was is
 * {@code FailingPluginFactorTest}'s, on the same {@code FactorUpdate}.)
 *
 * <p>Input, generated: six hours of 1m klines of AAAUSDT (close 100 + the hour) and BBBUSDT (close
 * 50); {@code flaky_sum(2, above=102.5)} on the 1h roll-ups fails at AAAUSDT's hours 3, 4 and 5.
 */
class StateBootstrapCommandITCase {

    /** 2026-03-01T00:00:00Z, epoch ms. */
    private static final long DAY = 1_772_323_200_000L;
    private static final long HOUR = 3_600_000L;

    @TempDir Path work;

    @Test
    void aFailingPluginFactorLeavesItsBarsOutOfTheStateAndIsReportedWithExitCode1() throws Exception {
        Path data = work.resolve("data");
        KlineCsvFiles.writeHourlyCloses(data, "AAAUSDT", DAY, 6, hour -> 100 + hour);
        KlineCsvFiles.writeHourlyCloses(data, "BBBUSDT", DAY, 6, hour -> 50);
        Path config = Files.writeString(work.resolve("flaky.yaml"), String.join("\n",
                "mode: batch", "input: {market: usdm}", "klines: {intervals: [1m, 1h]}",
                "factors: S=flaky_sum(2, above=102.5)", "factorIntervals: [1h]", ""));
        Path savepoint = work.resolve("sp");

        CliRun run = TestPlugins.with(work.resolve("services"),
                List.of(FlakyPlugins.FlakySumPlugin.class), () -> CliRun.run("state", "bootstrap",
                        "--config", config.toString(), "--from-history", data.toString(),
                        "--out", savepoint.toString()));
        CliRun inspect = TestPlugins.with(work.resolve("services"),
                List.of(FlakyPlugins.FlakySumPlugin.class), () -> CliRun.run("state", "inspect",
                        savepoint.toString(), "--job", "factors", "--config", config.toString(),
                        "--format", "csv"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("savepoint " + savepoint,
                "3 plug-in factor updates failed",
                "factor flaky_sum(window=2,above=102.5,volume=0) (" + FlakyPlugins.class.getName()
                        + "$FlakySum", "failed at key USDM:AAAUSDT:1h, bar opening "
                        + Instant.ofEpochMilli(DAY + 3 * HOUR) + ": java.lang.IllegalStateException: "
                        + FlakyPlugins.message(103, 102.5));
        assertThat(run.err()).contains("error: 3 plug-in factor updates failed (listed above);"
                + " the savepoint is written");
        assertThat(savepoint.resolve("_metadata")).exists();
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        // the last values as the jobs emit them: AAAUSDT's last bar failed (NaN), BBBUSDT 50 + 50
        assertThat(inspect.out()).contains("factors,USDM:AAAUSDT:1h,S,NaN,warm-up 2/2",
                "factors,USDM:BBBUSDT:1h,S,100.0,warm-up 2/2");
    }
}
