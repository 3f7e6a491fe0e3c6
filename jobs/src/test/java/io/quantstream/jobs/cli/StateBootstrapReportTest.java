package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.savepoints.BootstrapPluginFailures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code state bootstrap} gives its count of failed plug-in updates in one format on stdout and
 * stderr ({@code StateBootstrapCommandITCase} runs the command; its 3 failures read the same in
 * any format).
 */
class StateBootstrapReportTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theCountOfFailedUpdatesReadsTheSameOnStdoutAndStderr() {
        int exitCode = report(new BootstrapPluginFailures(12_345, List.of("factor f failed at key K")));

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("12,345 plug-in factor updates failed, each bar left"
                + " out of its factor's state as the jobs leave it out; first failures:"
                + System.lineSeparator() + "  factor f failed at key K" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("error: 12,345 plug-in factor updates failed (listed"
                + " above); the savepoint is written" + System.lineSeparator());
    }

    @Test
    void withoutFailuresNothingIsAddedAndTheExitCodeIs0() {
        assertThat(report(new BootstrapPluginFailures(0, List.of()))).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    private int report(BootstrapPluginFailures failures) {
        return StateBootstrapCommand.reportFailures(failures, new PrintWriter(out),
                new PrintWriter(err));
    }
}
