package io.quantstream.connectors.iceberg.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loaded files by table and key, and by instrument for the overlap check. */
final class LoadedIndex {
    private final Map<String, LoadedFile> byKey;
    private final Map<String, List<LoadedFile>> byInstrument = new HashMap<>();

    LoadedIndex(Map<String, LoadedFile> byKey) {
        this.byKey = byKey;
        byKey.values().forEach(this::index);
    }

    LoadedFile get(String table, String key) {
        return byKey.get(LoadLog.id(table, key));
    }

    LoadedFile overlapping(String table, ArchiveFile file) {
        for (LoadedFile f : byInstrument.getOrDefault(
                instrument(table, file.market().name(), file.symbol(), file.interval()), List.of())) {
            if (f.overlaps(table, file)) {
                return f;
            }
        }
        return null;
    }

    void add(LoadedFile file) {
        byKey.put(LoadLog.id(file), file);
        index(file);
    }

    private void index(LoadedFile f) {
        byInstrument.computeIfAbsent(instrument(f.tableName(), f.market(), f.symbol(), f.interval()),
                k -> new ArrayList<>()).add(f);
    }

    private static String instrument(String table, String market, String symbol, String interval) {
        return table + "|" + market + "|" + symbol + "|" + interval;
    }
}
