package io.quantstream.jobs.cli;

import picocli.CommandLine.Option;

/** {@code --no-web-ui} of every command that runs a job on the embedded MiniCluster. */
final class WebUiOption {

    @Option(names = "--no-web-ui", description = "Do not serve the Flink web UI on port 8081.")
    boolean off;

    /** Whether the MiniCluster serves its web UI. */
    boolean serve() {
        return !off;
    }
}
