package io.quantstream.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/quantstream}: runs quantstream jobs on an embedded Flink MiniCluster.
 *
 * <pre>{@code
 * bin/quantstream demo
 * bin/quantstream klines --input ../shared/data/binance/ws/usdm --interval 1m,5m --output out/klines
 * bin/quantstream run --config config/demo.yaml --strategy.grossLeverage 2
 * bin/quantstream load --input ../shared/data/binance/vision --catalog.warehouse /tmp/warehouse
 * bin/quantstream backtest --config config/backtest.yaml --from 2026-02-01 --to 2026-02-14
 * bin/quantstream sql sql/top-movers.sql --format csv
 * bin/quantstream bench klines --data /tmp/peerdata/d7
 * bin/quantstream kafka start
 * bin/quantstream topic dump --topic klines --output out/klines-topic
 * bin/quantstream replay --input ../shared/data/binance/ws/usdm --speed 10
 * bin/quantstream live --config config/kafka-jobs.yaml --replay ../shared/data/binance/ws/usdm --speed 10
 * bin/quantstream state inspect .quantstream/live/quantstream/savepoint-1a2b3c --job pipeline
 * }</pre>
 */
@Command(
        name = "quantstream",
        mixinStandardHelpOptions = true,
        version = "quantstream 0.1.0 (Apache Flink 2.1.0)",
        description = "Flink jobs for systematic crypto trading: trades to klines, factors and"
                + " target positions, on an embedded Flink MiniCluster.")
public final class QuantstreamCli implements Runnable {

    /** The commands by name, in the order the usage lists them. */
    static final Map<String, Class<?>> COMMANDS = commands(
            DemoCommand.class,
            KlinesCommand.class,
            RunCommand.class,
            BacktestCommand.class,
            LoadCommand.class,
            SqlCommand.class,
            BenchCommand.class,
            KafkaCommand.class,
            TopicCommand.class,
            ReplayCommand.class,
            LiveCommand.class,
            StateCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(args);
        // picocli's own writer wraps System.out in a Writer, through which checkError() never sees
        // a closed stdout (`sql … | head`); a PrintWriter over the PrintStream itself reports it
        cli.setOut(new PrintWriter(System.out, true));
        System.exit(cli.execute(args));
    }

    /**
     * The command line that runs {@code args}, with its error handling: a command that fails
     * prints {@code error: } and what went wrong, and exits with 1. When the first argument names
     * a command (other than {@code help}) only that command is added: picocli reflects over every
     * option of a command when it is added, ~0.1 CPU-s for all of them, a tenth of a short
     * {@code klines} run's start-up; the usage, {@code help} and a mistyped command get them all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new QuantstreamCli());
        Class<?> named = args.length == 0 || args[0].equals("help") ? null : COMMANDS.get(args[0]);
        if (named != null) {
            cli.addSubcommand(named);
        } else {
            COMMANDS.values().forEach(cli::addSubcommand);
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(e));
            return 1;
        });
        return cli;
    }

    private static Map<String, Class<?>> commands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return byName;
    }

    /**
     * The message of the first {@link IllegalArgumentException} (bad input, already worded for
     * users) or file-system error in the cause chain, else of the root cause.
     */
    static String message(Throwable e) {
        Throwable cause = e;
        while (true) {
            if (cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            if (cause instanceof FileSystemException) {
                return fileProblem((FileSystemException) cause);
            }
            if (cause.getCause() == null) {
                return cause.getMessage() != null ? cause.getMessage() : cause.toString();
            }
            cause = cause.getCause();
        }
    }

    private static String fileProblem(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + e.getFile();
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder: " + e.getFile();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists (expected a folder or nothing): " + e.getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getFile();
        }
        return e.getMessage();
    }
}
