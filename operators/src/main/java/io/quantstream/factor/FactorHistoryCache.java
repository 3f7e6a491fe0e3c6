package io.quantstream.factor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The {@link FactorHistory} of the most recently used keys of one factor operator, kept on the
 * heap between klines so that a kline does not read and write its key's whole history through
 * the state backend (on RocksDB: one get, one deserialization, one serialization and one put of
 * every node's window per kline; 54.7 kB per kline for {@code alpha158}). Histories changed since
 * they were last written are written back when they leave the cache (least recently used first)
 * and all at once before a snapshot ({@link FactorOperator}), so the keyed state a checkpoint or
 * savepoint holds is the same as without the cache. The snapshot also empties the cache: on the
 * heap state backend the state holds these very objects and serializes them asynchronously after
 * the barrier, so the next kline must take its history from the state again (which then hands out
 * a copy) instead of changing the one being written. Not thread-safe; one per operator instance.
 *
 * @param <K> the operator's key
 */
final class FactorHistoryCache<K> {

    /** A key's history and whether the keyed state holds it as it is. */
    private static final class Entry {
        final FactorHistory history;
        boolean written;

        Entry(FactorHistory history) {
            this.history = history;
        }
    }

    private final int capacity;
    private final BiConsumer<K, FactorHistory> write;
    private final LinkedHashMap<K, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param capacity keys kept, at least 1 ({@link HistoryCacheSpec#keysFor})
     * @param write writes a key's history to the keyed state (switching the state's current key)
     */
    FactorHistoryCache(int capacity, BiConsumer<K, FactorHistory> write) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.write = write;
    }

    /** {@code key}'s history, or null when the cache does not hold it. */
    FactorHistory get(K key) {
        Entry e = entries.get(key);
        return e == null ? null : e.history;
    }

    /**
     * Keeps {@code history} as {@code key}'s latest, not yet written; writes the least recently
     * used key's history if the cache is then over its capacity.
     */
    void put(K key, FactorHistory history) {
        Entry e = entries.get(key);
        if (e != null && e.history == history) {
            e.written = false;
            return;
        }
        entries.put(key, new Entry(history));
        if (entries.size() > capacity) {
            Iterator<Map.Entry<K, Entry>> eldest = entries.entrySet().iterator();
            Map.Entry<K, Entry> out = eldest.next();
            eldest.remove();
            if (!out.getValue().written) {
                write.accept(out.getKey(), out.getValue().history);
            }
        }
    }

    /**
     * Writes every history changed since it was last written and empties the cache (before a
     * snapshot; see the class comment for why it does not keep them).
     */
    void flushAndClear() {
        for (Map.Entry<K, Entry> e : entries.entrySet()) {
            if (!e.getValue().written) {
                write.accept(e.getKey(), e.getValue().history);
            }
        }
        entries.clear();
    }
}
