package io.quantstream.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quantstream state}: the jobs' keyed state read from, or written to, savepoints. */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "The jobs' keyed state with Flink's State Processor API: inspect a savepoint,"
                + " or bootstrap the factor state from history.",
        subcommands = {StateInspectCommand.class, StateBootstrapCommand.class})
final class StateCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
