package io.quantstream.plugin;

import java.util.List;

/**
 * What every plug-in says about itself: the name a config calls it by, a one-line description and
 * its parameters; and how it is made from the values a config gives them. A plug-in kind
 * ({@link io.quantstream.factor.spi.FactorPlugin}, {@link
 * io.quantstream.portfolio.spi.StrategyPlugin}) is a {@link java.util.ServiceLoader} service: a
 * jar lists its providers in {@code META-INF/services/<the kind's interface>}, and each provider
 * needs a public no-argument constructor ({@link Plugins#available}).
 *
 * @param <T> what the plug-in makes: serializable, shipped to the task managers in the job graph
 */
public interface Plugin<T> {

    /**
     * The name a config calls the plug-in by: lower-case letters, digits and {@code _}, starting
     * with a letter, e.g. {@code kama}; unique among the plug-ins of its kind.
     */
    String name();

    /** One line for listings and error messages, e.g. what it computes and its unit. */
    String description();

    /** Its parameters, in the order positional values bind to them; empty for none. */
    List<Parameter> parameters();

    /**
     * Makes the plug-in's object for a config's values, every one declared, in range and given
     * or defaulted (checked by {@link PluginCall#bind}).
     *
     * @throws IllegalArgumentException for values valid one by one but not together (e.g. a fast
     *     period not below the slow one); the message is shown after the config item
     */
    T create(Parameters parameters);
}
