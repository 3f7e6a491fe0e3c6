package io.quantstream.jobs.local;

import io.quantstream.factor.spi.FactorPlugin;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.portfolio.spi.StrategyPlugin;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;

/**
 * Plug-in jars of a local run ({@code --plugin JAR}), put where {@code flink run -C} puts them: on
 * the context class loader of the thread that builds the job graph (where the factor set and the
 * strategy find their plug-ins) and in {@code pipeline.classpaths}, which the embedded cluster
 * gives the tasks' user-code class loader ({@link LocalCluster}), also when a job is restored from
 * a checkpoint or savepoint (the jars are named again on each run).
 */
public final class PluginJars implements AutoCloseable {

    /** The service files a plug-in jar lists its plug-ins in; at least one must be there. */
    static final List<String> SERVICE_FILES = List.of(
            "META-INF/services/" + FactorPlugin.class.getName(),
            "META-INF/services/" + StrategyPlugin.class.getName());

    private final Thread thread;
    private final ClassLoader before;
    private final URLClassLoader loader;

    private PluginJars(Thread thread, ClassLoader before, URLClassLoader loader) {
        this.thread = thread;
        this.before = before;
        this.loader = loader;
    }

    /**
     * Adds {@code jars} to this thread's context class loader and to {@code config}'s
     * {@code pipeline.classpaths} until {@link #close}; nothing for none.
     *
     * @throws IllegalArgumentException naming a jar that does not exist, is not a readable file,
     *     is not a jar, or lists no plug-in ({@link #SERVICE_FILES})
     */
    public static PluginJars use(List<File> jars, JobConfig config) {
        Thread thread = Thread.currentThread();
        if (jars == null || jars.isEmpty()) {
            return new PluginJars(thread, thread.getContextClassLoader(), null);
        }
        List<URL> urls = new ArrayList<>();
        for (File jar : jars) {
            check(jar);
            try {
                urls.add(jar.getAbsoluteFile().toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--plugin: " + jar + ": " + e.getMessage(), e);
            }
        }
        ClassLoader before = thread.getContextClassLoader();
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), before);
        thread.setContextClassLoader(loader);
        String given = config.flink.get(PipelineOptions.CLASSPATHS.key());
        String added = urls.stream().map(URL::toString).collect(Collectors.joining(";"));
        config.flink.put(PipelineOptions.CLASSPATHS.key(),
                given == null || given.isBlank() ? added : given + ";" + added);
        return new PluginJars(thread, before, loader);
    }

    /**
     * Only the {@code pipeline.classpaths} of {@code config} (the plug-in jars), for a cluster or
     * an environment that takes nothing else of the job's settings.
     */
    public static Configuration classpaths(JobConfig config) {
        Configuration conf = new Configuration();
        String given = config.flink.get(PipelineOptions.CLASSPATHS.key());
        if (given != null && !given.isBlank()) {
            conf.setString(PipelineOptions.CLASSPATHS.key(), given);
        }
        return conf;
    }

    private static void check(File jar) {
        String path = "--plugin " + jar.getAbsolutePath();
        if (!jar.exists()) {
            throw new IllegalArgumentException(path + ": no such file");
        }
        if (!jar.isFile() || !jar.canRead()) {
            throw new IllegalArgumentException(path + ": not a readable file");
        }
        try (JarFile file = new JarFile(jar)) {
            if (SERVICE_FILES.stream().noneMatch(name -> file.getEntry(name) != null)) {
                throw new IllegalArgumentException(path + ": the jar holds no plug-in (it has"
                        + " neither " + String.join(" nor ", SERVICE_FILES) + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": not a jar (" + e.getMessage() + ")", e);
        }
    }

    /** Puts the thread's context class loader back. */
    @Override
    public void close() throws IOException {
        if (loader != null) {
            thread.setContextClassLoader(before);
            loader.close();
        }
    }
}
