package io.quantstream.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code factors} setting as YAML writes it, turned into the one-line form
 * {@link io.quantstream.factor.FactorSet#parse} reads ({@code item,item,NAME=EXPRESSION}), so
 * that a command-line override ({@code --factors 'rsi(14),alpha158'}) and the file say the same:
 *
 * <pre>
 * factors: ema(24),rsi(14)              # one line
 * factors:                              # a map of names to expressions
 *   MOM24: $close / Ref($close, 24) - 1
 * factors:                              # a list of built-ins, sets and named expressions
 *   - alpha158
 *   - rsi(14)
 *   - MOM24: $close / Ref($close, 24) - 1
 * </pre>
 */
final class FactorItems {

    private FactorItems() {}

    /**
     * @throws IllegalArgumentException for anything else (a nested list, a map entry that is
     *     not a name and an expression)
     */
    static String join(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isObject()) {
                    named(item, items);
                } else if (item.isValueNode()) {
                    items.add(item.asText());
                } else {
                    throw new IllegalArgumentException("factors: a list item is a factor, a set"
                            + " or NAME: EXPRESSION, got " + item);
                }
            }
        } else if (node.isObject()) {
            named(node, items);
        } else {
            items.add(node.asText());
        }
        return String.join(",", items);
    }

    private static void named(JsonNode map, List<String> items) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException("factors." + e.getKey() + ": an expression is"
                        + " text, e.g. " + e.getKey() + ": Mean($close, 5) / $close; got "
                        + e.getValue());
            }
            items.add(e.getKey() + "=" + e.getValue().asText());
        }
    }
}
