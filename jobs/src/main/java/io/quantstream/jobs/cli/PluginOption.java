package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.PluginJars;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --plugin JAR} of every command that builds or reads a job with factors or strategies
 * ({@code run}, {@code backtest}, {@code live}, {@code state inspect}, {@code state bootstrap}).
 */
final class PluginOption {

    @Option(names = "--plugin", paramLabel = "JAR", description = "A plug-in jar (factors,"
            + " strategy weightings) to put on the job's class path; repeatable.")
    List<File> jars = new ArrayList<>();

    /**
     * The jars on the class path of the job of {@code config} until the returned scope is closed
     * ({@link PluginJars#use}); call before the config is validated.
     *
     * @throws IllegalArgumentException for a missing file, or one that is not a jar of plug-ins
     */
    PluginJars use(JobConfig config) {
        return PluginJars.use(jars, config);
    }
}
