package io.quantstream.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@link JobConfig} from YAML and applies {@code --key.path value} overrides on top.
 *
 * <p>Unknown keys are errors (a typo must not silently fall back to a default). An override may
 * name a nested key ({@code --strategy.grossLeverage 2}) or a list ({@code --klines.intervals
 * 1m,5m}, comma-separated).
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private ConfigLoader() {}

    /**
     * @param file YAML file, or null for the defaults
     * @param overrides alternating {@code --key.path} and value
     * @throws IllegalArgumentException on an unreadable file, an unknown key or a bad value
     */
    public static JobConfig load(Path file, List<String> overrides) {
        ObjectNode tree;
        try {
            JsonNode read = file == null ? null : YAML.readTree(file.toFile());
            tree = read instanceof ObjectNode ? (ObjectNode) read : YAML.createObjectNode();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        applyOverrides(tree, overrides);
        try {
            return YAML.treeToValue(tree, JobConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad config " + (file == null ? "" : file + ": ")
                    + e.getOriginalMessage(), e);
        }
    }

    private static void applyOverrides(ObjectNode tree, List<String> overrides) {
        for (int i = 0; i < overrides.size(); i++) {
            String key = overrides.get(i);
            if (!key.startsWith("--") || i + 1 >= overrides.size()) {
                throw new IllegalArgumentException(
                        "overrides take the form --key.path value, got '" + key + "'");
            }
            String value = overrides.get(++i);
            String[] path = key.substring(2).split("\\.");
            ObjectNode node = tree;
            for (int p = 0; p < path.length - 1; p++) {
                JsonNode child = node.get(path[p]);
                node = child instanceof ObjectNode ? (ObjectNode) child : node.putObject(path[p]);
            }
            String leaf = path[path.length - 1];
            JsonNode current = node.get(leaf);
            if ((current != null && current.isArray()) || value.contains(",")) {
                ArrayNode array = node.putArray(leaf);
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        array.add(item.trim());
                    }
                }
            } else {
                node.set(leaf, TextNode.valueOf(value));
            }
        }
    }
}
