package io.quantstream.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quantstream bench}: measured runs on the standard workload. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks on the peerbench workload (../shared/tools/peerbench); the"
                + " history workload of the backtest benchmark.",
        subcommands = {BenchKlinesCommand.class, BenchLiveCommand.class, BenchHistoryCommand.class,
            BenchStateCommand.class, BenchFactorsCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
