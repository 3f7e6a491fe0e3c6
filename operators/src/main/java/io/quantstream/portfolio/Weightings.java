package io.quantstream.portfolio;

import io.quantstream.plugin.Parameters;
import io.quantstream.plugin.PluginCall;
import io.quantstream.plugin.Plugins;
import io.quantstream.portfolio.spi.StrategyPlugin;
import io.quantstream.portfolio.spi.TargetWeights;
import java.util.TreeMap;

/**
 * The weighting a config names ({@code strategy.weighting}: {@code dollar_neutral},
 * {@code top_bottom(count=2)} …) among the {@link StrategyPlugin}s on the class path
 * ({@link Plugins#available}), the built-in {@link DollarNeutralStrategy} included. Looked up when
 * the job graph is built.
 */
public final class Weightings {

    /** The weighting when a config names none. */
    public static final String DEFAULT = "dollar_neutral";

    private Weightings() {}

    /**
     * @throws IllegalArgumentException for text that is not a call, an unknown weighting (the
     *     message lists the available ones), bad parameter values, or a plug-in that cannot be
     *     loaded
     */
    public static TargetWeights of(String text) {
        TreeMap<String, StrategyPlugin> plugins = Plugins.available(StrategyPlugin.class);
        PluginCall call = PluginCall.parse(text);
        StrategyPlugin plugin = call == null ? null : plugins.get(call.name());
        if (plugin == null) {
            throw new IllegalArgumentException("unknown weighting '" + text + "'; weightings: "
                    + Plugins.list(plugins));
        }
        try {
            Parameters values = call.bind(plugin);
            TargetWeights weights = plugin.create(values);
            if (weights == null) {
                throw new IllegalArgumentException("create returned null");
            }
            return weights;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weighting '" + text.trim() + "' (plug-in "
                    + Plugins.origin(plugin) + "): " + e.getMessage(), e);
        }
    }
}
