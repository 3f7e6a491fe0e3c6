package io.quantstream.jobs.config;

import java.util.List;

/**
 * A job config (or the inputs it names) that cannot give the run it describes. Thrown before any
 * Flink job is built; the message lists every mistake found, one per line, each starting with the
 * setting's name ({@code crossSection.weights: factor 'log_return_24' is not computed; …}).
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one message per mistake, at least one */
    public InvalidConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per mistake, in the order the settings are documented in {@link JobConfig}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " mistakes in the job config:\n  " + String.join("\n  ", problems);
    }
}
