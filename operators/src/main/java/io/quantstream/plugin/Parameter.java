package io.quantstream.plugin;

import java.io.Serializable;

/**
 * One numeric parameter of a {@link Plugin}: its name in a config, a description, whether it is
 * a whole number (a window in bars, a count), its range and its default.
 *
 * <pre>{@code
 * Parameter.whole("window", 10, 1, 1000, "bars of the efficiency ratio");
 * Parameter.number("multiplier", 2.0, 0.0, 10.0, "band width in standard deviations");
 * }</pre>
 *
 * @param name as written in a config ({@code window=10}): letters, digits and {@code _}
 * @param wholeNumber whether only whole numbers are accepted
 * @param min smallest value accepted, inclusive
 * @param max largest value accepted, inclusive
 * @param defaultValue the value when a config does not give one, within the range
 * @param description one line, with the unit
 */
public record Parameter(String name, boolean wholeNumber, double min, double max,
        double defaultValue, String description) implements Serializable {

    /** @throws IllegalArgumentException on a bad name, an empty range or a default outside it */
    public Parameter {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "': letters, digits"
                    + " and '_', starting with a letter");
        }
        if (!(min <= max) || !(defaultValue >= min && defaultValue <= max)
                || wholeNumber && (defaultValue != Math.rint(defaultValue))) {
            throw new IllegalArgumentException("parameter " + name + ": default " + defaultValue
                    + " is not a " + (wholeNumber ? "whole " : "") + "number in [" + min + ", "
                    + max + "]");
        }
    }

    /** A whole-number parameter (a window in bars, a count). */
    public static Parameter whole(String name, long defaultValue, long min, long max,
            String description) {
        return new Parameter(name, true, min, max, defaultValue, description);
    }

    /** A real-number parameter. */
    public static Parameter number(String name, double defaultValue, double min, double max,
            String description) {
        return new Parameter(name, false, min, max, defaultValue, description);
    }

    /** E.g. {@code window: whole number in [1, 1000], default 10 (bars of the ratio)}. */
    public String help() {
        return name + ": " + (wholeNumber ? "whole number" : "number") + " in ["
                + PluginCall.format(min) + ", " + PluginCall.format(max) + "], default "
                + PluginCall.format(defaultValue) + " (" + description + ")";
    }
}
