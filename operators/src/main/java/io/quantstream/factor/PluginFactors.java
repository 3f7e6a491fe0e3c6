package io.quantstream.factor;

import io.quantstream.factor.expr.FactorProgram.Definition;
import io.quantstream.factor.spi.FactorPlugin;
import io.quantstream.factor.spi.IncrementalFactor;
import io.quantstream.plugin.Parameters;
import io.quantstream.plugin.PluginCall;
import io.quantstream.plugin.Plugins;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The factor plug-ins on the class path ({@link Plugins#available}), found once per factor set
 * parsed, and the {@link Definition}s of the items that call them.
 */
final class PluginFactors {

    private final TreeMap<String, FactorPlugin> plugins;

    /**
     * @throws IllegalArgumentException when a plug-in cannot be loaded, two share a name, or one
     *     has the name of a built-in factor or set
     */
    PluginFactors() {
        plugins = Plugins.available(FactorPlugin.class);
        for (FactorPlugin p : plugins.values()) {
            if (BuiltinFactors.NAMES.contains(p.name()) || FactorLibrary.SETS.contains(p.name())) {
                throw new IllegalArgumentException("factor plug-in " + Plugins.origin(p)
                        + " has the name of a built-in factor or set: '" + p.name() + "'");
            }
        }
    }

    /** E.g. {@code kama, zlema}, or {@code none on the class path}. */
    String names() {
        return Plugins.list(plugins);
    }

    /**
     * The definition of {@code item} when it calls a plug-in ({@code kama}, {@code kama(10)},
     * {@code kama(window=10)}), named {@code name} or, when null, after the call
     * ({@link PluginCall#outputName}); null when it does not call one.
     *
     * @throws IllegalArgumentException naming the item: bad parameter values, or a factor the
     *     plug-in makes that breaks the rules of {@link IncrementalFactor}
     */
    Definition definition(String name, String item) {
        PluginCall call = PluginCall.parse(item);
        FactorPlugin plugin = call == null ? null : plugins.get(call.name());
        if (plugin == null) {
            return null;
        }
        String label = "factor '" + item.trim() + "' (plug-in " + Plugins.origin(plugin) + "): ";
        IncrementalFactor factor;
        Parameters values;
        try {
            values = call.bind(plugin);
            factor = plugin.create(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + e.getMessage(), e);
        }
        String problem = factor == null ? "create returned null"
                : factor.warmUp() < 1 ? "warm-up must be at least 1 bar, was " + factor.warmUp()
                : factor.stateSize() < 0 || factor.stateSize() > IncrementalFactor.MAX_STATE
                        ? "state size must be between 0 and " + IncrementalFactor.MAX_STATE
                                + " doubles, was " + factor.stateSize()
                : factor.stateSize() == 0 && factor.warmUp() > 1
                        ? "a factor without state cannot need " + factor.warmUp() + " bars"
                : factor.stateVersion() < 1 ? "state version must be at least 1"
                : factor.fields() == null ? "fields() returned null"
                : factor.fields().stream().anyMatch(Objects::isNull) ? "fields() holds null"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException(label + problem);
        }
        return new Definition(name != null ? name : call.outputName(),
                PluginCall.canonical(plugin, values), factor);
    }
}
