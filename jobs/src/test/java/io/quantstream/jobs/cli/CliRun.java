package io.quantstream.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * A command as {@code bin/quantstream} runs it, in-process: its exit code, what it printed on
 * {@code System.out} (commands that run jobs print there, not to picocli's writer) and its errors.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        CommandLine cli = QuantstreamCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exitCode = cli.execute(args);
        } finally {
            System.setOut(stdout);
        }
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
