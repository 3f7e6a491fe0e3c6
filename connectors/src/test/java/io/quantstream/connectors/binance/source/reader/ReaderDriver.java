package io.quantstream.connectors.binance.source.reader;

import io.quantstream.connectors.binance.source.LiveRecord;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Runs a {@link LiveSplitReader}'s fetch loop on the test thread, as Flink's fetcher would. */
final class ReaderDriver {

    final LiveSplitReader reader;
    final Map<String, List<LiveRecord>> records = new LinkedHashMap<>();
    final Set<String> finished = new HashSet<>();

    ReaderDriver(LiveSplitReader reader) {
        this.reader = reader;
    }

    /** Fetches until {@code done} holds; fails after {@code timeout}. */
    ReaderDriver fetchUntil(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + timeout + "; records so far: "
                        + records.values().stream().mapToInt(List::size).sum());
            }
            fetchOnce();
        }
        return this;
    }

    void fetchOnce() {
        RecordsWithSplitIds<LiveRecord> batch = reader.fetch();
        for (String split = batch.nextSplit(); split != null; split = batch.nextSplit()) {
            List<LiveRecord> list = records.computeIfAbsent(split, s -> new ArrayList<>());
            for (LiveRecord r = batch.nextRecordFromSplit(); r != null; r = batch.nextRecordFromSplit()) {
                list.add(r);
            }
        }
        finished.addAll(batch.finishedSplits());
        batch.recycle();
    }

    List<LiveRecord> of(String splitId) {
        return records.getOrDefault(splitId, List.of());
    }
}
