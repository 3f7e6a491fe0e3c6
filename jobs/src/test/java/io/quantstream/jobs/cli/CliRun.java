package io.quantstream.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;

/**
 * One {@code bin/quantstream} command run in this JVM, as the launcher runs it, with the project
 * folder as {@code quantstream.home} (the commands find {@code sql/} and {@code config/} there).
 *
 * @param out the command's standard output (picocli's and {@code System.out})
 */
record CliRun(int exitCode, String out, String err) {

    /** The project folder: the parent of the module folder tests run in. */
    static final Path HOME = Paths.get("").toAbsolutePath().getParent();

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CommandLine cli = QuantstreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        PrintStream stdout = System.out;
        String home = System.getProperty("quantstream.home");
        int exitCode;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setProperty("quantstream.home", HOME.toString());
            exitCode = cli.execute(args);
        } finally {
            System.setOut(stdout);
            if (home == null) {
                System.clearProperty("quantstream.home");
            } else {
                System.setProperty("quantstream.home", home);
            }
        }
        return new CliRun(exitCode, printed.toString(StandardCharsets.UTF_8) + out, err.toString());
    }

    /** The project's SQL script {@code sql/NAME}. */
    static String sql(String name) {
        return HOME.resolve("sql").resolve(name).toString();
    }
}
