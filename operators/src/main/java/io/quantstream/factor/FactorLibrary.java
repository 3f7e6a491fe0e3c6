package io.quantstream.factor;

import io.quantstream.factor.expr.FactorProgram.Definition;
import java.util.List;
import java.util.Locale;

/** The named factor sets shipped with the project, usable as an item of a factor set. */
final class FactorLibrary {

    /** Names of the sets, as written in a config. */
    static final List<String> SETS = List.of("alpha158", "technical");

    private FactorLibrary() {}

    /** The definitions of set {@code name} (case-insensitive), or null when there is none. */
    static List<Definition> set(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "alpha158":
                return Alpha158.definitions();
            case "technical":
                return Technical.definitions();
            default:
                return null;
        }
    }
}
