package io.quantstream.jobs.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link JobConfig} from YAML and applies {@code --key.path value} overrides on top.
 *
 * <p>Unknown keys are errors (a typo must not silently fall back to a default). An override may
 * name a nested key ({@code --strategy.grossLeverage 2}), a list ({@code --klines.intervals
 * 1m,5m}, comma-separated; other settings keep their commas: {@code --factors ema(12),rsi(14)})
 * or a key of a map ({@code --flink.state.backend.type rocksdb}). An empty key in the YAML
 * ({@code klines:}) means its defaults.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));

    private ConfigLoader() {}

    /**
     * @param file YAML file, or null for the defaults
     * @param overrides alternating {@code --key.path} and value
     * @throws IllegalArgumentException on a missing or unreadable file, an unknown key or a bad
     *     value (whether the settings make a job is {@link ConfigValidator}'s to say)
     */
    public static JobConfig load(Path file, List<String> overrides) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException((Files.exists(file) ? file + " is a folder"
                    : "no such file: " + file) + " (expected a YAML job config, e.g. config/demo.yaml)");
        }
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

    /**
     * The config of a job's {@code main} arguments, as {@code flink run} passes them:
     * {@code --config FILE} (optional: the defaults) and {@code --key.path value} overrides.
     *
     * @throws IllegalArgumentException as {@link #load}
     */
    public static JobConfig fromArgs(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Path file = null;
        int at = rest.indexOf("--config");
        if (at >= 0 && at + 1 < rest.size()) {
            file = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        return load(file, rest);
    }

    private static void applyOverrides(ObjectNode tree, List<String> overrides) {
        for (int i = 0; i < overrides.size(); i++) {
            String key = overrides.get(i);
            if (!key.startsWith("--") || i + 1 >= overrides.size()) {
                throw new IllegalArgumentException(
                        "overrides take the form --key.path value, got '" + key + "'");
            }
            String value = overrides.get(++i);
            Setting setting = Setting.of(key.substring(2));
            ObjectNode node = tree;
            for (String name : setting.path.subList(0, setting.path.size() - 1)) {
                JsonNode child = node.get(name);
                node = child instanceof ObjectNode ? (ObjectNode) child : node.putObject(name);
            }
            String leaf = setting.path.get(setting.path.size() - 1);
            if (setting.list) {
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

    /**
     * An override's key as the names of nested settings, found in {@link JobConfig}'s fields: the
     * key of a map setting keeps its dots ({@code flink.state.backend.type} is the {@code flink}
     * option {@code state.backend.type}); a list setting takes comma-separated values.
     */
    private record Setting(List<String> path, boolean list) {

        static Setting of(String key) {
            List<String> names = new ArrayList<>(List.of(key.split("\\.")));
            Class<?> type = JobConfig.class;
            for (int i = 0; i < names.size(); i++) {
                Field field = field(type, names.get(i));
                if (field == null) {
                    return new Setting(names, false); // unknown: the reader reports it
                }
                type = field.getType();
                if (Map.class.isAssignableFrom(type) && i + 1 < names.size()) {
                    List<String> path = new ArrayList<>(names.subList(0, i + 1));
                    path.add(String.join(".", names.subList(i + 1, names.size())));
                    return new Setting(path, false);
                }
            }
            return new Setting(names, List.class.isAssignableFrom(type));
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
