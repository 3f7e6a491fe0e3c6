package io.quantstream.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.io.output.WriterOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command prints: its command line's standard output and error
 * ({@link CommandLine#getOut()}, {@link CommandLine#getErr()}), never {@code System.out}. In
 * {@code bin/quantstream} they are the process's; a caller in the same JVM (a test, the demo
 * running {@code load} and {@code backtest}) gives a command writers of its own and reads
 * exactly what the command printed.
 */
final class CommandOutput {

    private CommandOutput() {}

    /**
     * {@code spec}'s standard output as a {@link PrintStream}, for the printers that take one
     * (runs' progress, reports): UTF-8, every print passed on to the writer and flushed.
     */
    static PrintStream stream(CommandSpec spec) throws IOException {
        return stream(spec.commandLine().getOut());
    }

    static PrintStream stream(PrintWriter writer) throws IOException {
        return new PrintStream(WriterOutputStream.builder().setWriter(writer)
                .setCharset(StandardCharsets.UTF_8).setWriteImmediately(true).get(), true, StandardCharsets.UTF_8);
    }

    /**
     * {@code command} as a command line that prints where {@code parent} prints and reports a
     * failure as {@code bin/quantstream} does, for a command that runs another.
     */
    static CommandLine nested(CommandSpec parent, Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(parent.commandLine().getOut());
        cli.setErr(parent.commandLine().getErr());
        cli.setExecutionExceptionHandler(parent.commandLine().getExecutionExceptionHandler());
        return cli;
    }
}
