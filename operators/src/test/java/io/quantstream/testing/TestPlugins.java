package io.quantstream.testing;

import io.quantstream.factor.spi.FactorPlugin;
import io.quantstream.portfolio.spi.StrategyPlugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Plug-in classes of a test made discoverable as a plug-in jar makes them: their service files
 * ({@code META-INF/services/<kind>}, the kind from the class: {@link FactorPlugin} or
 * {@link StrategyPlugin}) in a folder, on a class loader over it. The classes themselves
 * stay on the test's class path.
 */
public final class TestPlugins {

    private TestPlugins() {}

    /**
     * Runs {@code body} with a context class loader that finds {@code plugins} (service files
     * written to {@code dir}), then puts the one before back.
     */
    public static <T> T with(Path dir, List<Class<?>> plugins, Callable<T> body) throws Exception {
        for (Map.Entry<String, String> file : serviceFiles(plugins).entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            return body.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static Map<String, String> serviceFiles(List<Class<?>> plugins) {
        Map<String, String> files = new TreeMap<>();
        for (Class<?> plugin : plugins) {
            Class<?> kind = FactorPlugin.class.isAssignableFrom(plugin) ? FactorPlugin.class
                    : StrategyPlugin.class;
            files.merge("META-INF/services/" + kind.getName(), plugin.getName() + "\n", String::concat);
        }
        return files;
    }
}
