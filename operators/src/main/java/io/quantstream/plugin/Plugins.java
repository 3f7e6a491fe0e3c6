package io.quantstream.plugin;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the plug-ins of a kind with {@link ServiceLoader} on the thread's context class loader:
 * in a Flink client running a job's {@code main} (and in {@code bin/quantstream … --plugin JAR}), that
 * is the user-code class loader, which holds the job jar and every jar given with
 * {@code flink run -C} ({@code pipeline.classpaths}). Called when a job graph is built, never per
 * record: the plug-ins' objects travel in the job graph.
 */
public final class Plugins {

    private Plugins() {}

    /**
     * The plug-ins of {@code kind} on the class path, by name.
     *
     * @throws IllegalArgumentException when a provider cannot be loaded, has a bad name, or two
     *     have the same name (the message names their classes and jars)
     */
    public static <P extends Plugin<?>> TreeMap<String, P> available(Class<P> kind) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        TreeMap<String, P> byName = new TreeMap<>();
        Iterator<P> providers = ServiceLoader.load(kind,
                loader != null ? loader : Plugins.class.getClassLoader()).iterator();
        while (true) {
            P plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
            } catch (ServiceConfigurationError e) {
                throw new IllegalArgumentException("a " + kind.getSimpleName() + " plug-in cannot"
                        + " be loaded: " + e.getMessage(), e);
            }
            String name = plugin.name();
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(origin(plugin) + ": name '" + name + "' is not"
                        + " lower-case letters, digits and '_' starting with a letter");
            }
            P other = byName.put(name, plugin);
            if (other != null) {
                throw new IllegalArgumentException("two " + kind.getSimpleName() + " plug-ins are"
                        + " named '" + name + "': " + origin(other) + " and " + origin(plugin));
            }
        }
        return byName;
    }

    /** E.g. {@code com.example.Kama (file:/…/kama.jar)}. */
    public static String origin(Object plugin) {
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return plugin.getClass().getName() + (location == null ? "" : " (" + location + ")");
    }

    /** E.g. {@code kama (Kaufman's adaptive moving average), top_bottom (…)}, or {@code none}. */
    public static String list(TreeMap<String, ? extends Plugin<?>> plugins) {
        List<String> names = new ArrayList<>();
        plugins.values().forEach(p -> names.add(p.name()));
        return names.isEmpty() ? "none on the class path" : String.join(", ", names);
    }
}
