package io.quantstream.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/quantstream}: runs quantstream jobs on an embedded Flink MiniCluster.
 *
 * <pre>{@code
 * bin/quantstream demo
 * bin/quantstream klines --input ../shared/data/binance/ws/usdm --interval 1m,5m --output out/klines
 * bin/quantstream run --config config/demo.yaml --strategy.grossLeverage 2
 * bin/quantstream bench klines --data /tmp/peerdata/d7
 * }</pre>
 */
@Command(
        name = "quantstream",
        mixinStandardHelpOptions = true,
        version = "quantstream 0.1.0 (Apache Flink 2.1.0)",
        description = "Flink jobs for systematic crypto trading: trades to klines, factors and"
                + " target positions, on an embedded Flink MiniCluster.",
        subcommands = {
            DemoCommand.class,
            KlinesCommand.class,
            RunCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class QuantstreamCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failed command prints {@code error: …}. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QuantstreamCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause.getCause() != null && cause instanceof Exception
                    && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            commandLine.getErr().println("error: " + cause.getMessage());
            return 1;
        });
        return cli;
    }
}
