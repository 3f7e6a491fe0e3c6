package io.quantstream.jobs.cli;

import java.io.File;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;

/**
 * The checks the benchmark commands make of their options before anything starts, each adding
 * the problem it finds to the command's list (all are printed together, exit 2).
 */
final class OptionChecks {

    private OptionChecks() {}

    /** Adds {@code OPTION: unknown 'v' (a, b)} for every value not among {@code allowed}. */
    static void known(List<String> problems, String option, Collection<String> values,
            Collection<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                problems.add(option + ": unknown '" + v + "' (" + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Adds a problem when the scratch folder {@code --work} is a file; a missing one is made later. */
    static void scratchFolder(List<String> problems, File work, String what) {
        if (Files.exists(work.toPath()) && !Files.isDirectory(work.toPath())) {
            problems.add("--work: " + work + " is a file, not a folder (" + what + ")");
        }
    }
}
