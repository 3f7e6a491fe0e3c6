package io.quantstream.jobs.local;

import io.quantstream.jobs.config.JobConfig;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.PipelineOptions;

/**
 * Plug-in jars of a local run ({@code --plugin JAR}), put where {@code flink run -C} puts them: on
 * the context class loader of the thread that builds the job graph (where the factor set and the
 * strategy find their plug-ins) and in {@code pipeline.classpaths}, which the embedded cluster
 * gives the tasks' user-code class loader ({@link LocalCluster}).
 */
public final class PluginJars {

    private PluginJars() {}

    /**
     * Adds {@code jars} to this thread's context class loader and to {@code config}'s
     * {@code pipeline.classpaths}; nothing for none.
     *
     * @throws IllegalArgumentException naming a jar that is not a readable file
     */
    public static void use(List<File> jars, JobConfig config) {
        if (jars == null || jars.isEmpty()) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        for (File jar : jars) {
            if (!jar.isFile() || !jar.canRead()) {
                throw new IllegalArgumentException("--plugin: " + jar.getAbsolutePath()
                        + (jar.exists() ? " is not a readable file" : " does not exist"));
            }
            try {
                urls.add(jar.getAbsoluteFile().toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--plugin: " + jar + ": " + e.getMessage(), e);
            }
        }
        Thread thread = Thread.currentThread();
        thread.setContextClassLoader(new URLClassLoader(urls.toArray(URL[]::new),
                thread.getContextClassLoader()));
        String given = config.flink.get(PipelineOptions.CLASSPATHS.key());
        String added = urls.stream().map(URL::toString).collect(Collectors.joining(";"));
        config.flink.put(PipelineOptions.CLASSPATHS.key(),
                given == null || given.isBlank() ? added : given + ";" + added);
    }
}
