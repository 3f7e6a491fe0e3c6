package io.quantstream.plugin;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a plug-in's parameters for one config item, every declared parameter present
 * (given or defaulted), checked against its {@link Parameter} range by {@link PluginCall#bind}.
 */
public final class Parameters implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Double> values;

    Parameters(LinkedHashMap<String, Double> values) {
        this.values = values;
    }

    /**
     * The value of whole-number parameter {@code name}.
     *
     * @throws IllegalArgumentException when the plug-in declared no such parameter
     */
    public long whole(String name) {
        return (long) number(name);
    }

    /** The value of {@code name}, as a window or count that fits an int. */
    public int wholeInt(String name) {
        return Math.toIntExact(whole(name));
    }

    /**
     * The value of parameter {@code name}.
     *
     * @throws IllegalArgumentException when the plug-in declared no such parameter
     */
    public double number(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: "
                    + String.join(", ", values.keySet()));
        }
        return v;
    }

    /** Every parameter and its value, in declared order. */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
