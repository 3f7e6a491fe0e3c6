package io.quantstream.jobs;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The arguments of a job's {@code main} under {@code flink run}: {@code --config FILE} and overrides. */
final class JobArguments {

    private JobArguments() {}

    /**
     * The config of {@code --config FILE} (defaults without it) with every other
     * {@code --key.path value} pair applied on top ({@link ConfigLoader}).
     *
     * @throws IllegalArgumentException on a missing file, an unknown key or a bad value
     */
    static JobConfig config(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Path file = null;
        int at = rest.indexOf("--config");
        if (at >= 0 && at + 1 < rest.size()) {
            file = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        return ConfigLoader.load(file, rest);
    }
}
