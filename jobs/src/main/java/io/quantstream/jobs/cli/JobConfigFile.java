package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import java.io.File;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} of the commands that run a job from a YAML job config; the command's
 * {@code @Unmatched} arguments are its {@code --key.path value} overrides ({@code @Unmatched} is
 * not read from a mixin).
 */
final class JobConfigFile {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "YAML job config, e.g. config/demo.yaml.")
    File file;

    /** The config with {@code overrides} on top. */
    JobConfig load(List<String> overrides) {
        return ConfigLoader.load(file.toPath(), overrides);
    }
}
