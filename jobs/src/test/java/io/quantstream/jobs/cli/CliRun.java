package io.quantstream.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;

/**
 * One {@code bin/quantstream} command run in this JVM, as the launcher runs it, with the project
 * folder as {@code quantstream.home} (the commands find {@code sql/} and {@code config/} there).
 *
 * @param out what the command printed on its standard output, alone (a {@code --json} document
 *     parses as one)
 * @param err what it printed on its standard error
 */
record CliRun(int exitCode, String out, String err) {

    /** The project folder: the parent of the module folder tests run in. */
    static final Path HOME = Paths.get("").toAbsolutePath().getParent();

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        CliRun run = run(new PrintWriter(out, true), args);
        return new CliRun(run.exitCode, out.toString(), run.err);
    }

    /** {@link #run(String...)} printing its standard output to {@code out} ({@link #out} empty). */
    static CliRun run(PrintWriter out, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = QuantstreamCli.commandLine(args);
        cli.setOut(out);
        cli.setErr(new PrintWriter(err, true));
        String home = System.getProperty("quantstream.home");
        int exitCode;
        try {
            System.setProperty("quantstream.home", HOME.toString());
            exitCode = cli.execute(args);
        } finally {
            if (home == null) {
                System.clearProperty("quantstream.home");
            } else {
                System.setProperty("quantstream.home", home);
            }
        }
        cli.getOut().flush();
        cli.getErr().flush();
        return new CliRun(exitCode, "", err.toString());
    }

    /** The project's SQL script {@code sql/NAME}. */
    static String sql(String name) {
        return HOME.resolve("sql").resolve(name).toString();
    }
}
