package io.quantstream.jobs.config;

import io.quantstream.factor.HistoryCacheSpec;
import org.apache.flink.configuration.MemorySize;

/**
 * The {@code factorCache:} section of a job config: how much factor history each subtask of the
 * factor stage keeps on the heap between klines in STREAMING ({@link HistoryCacheSpec}). More
 * keys than fit are read from and written to the keyed state (on RocksDB: a read and a write of
 * the key's whole history per kline); the memory comes out of the task manager's heap, once per
 * slot that runs a factor subtask.
 */
public class FactorCacheConfig {
    /**
     * Heap per factor subtask for cached histories, a Flink memory size with its unit
     * ({@code 64mb}, {@code 1gb}, {@code 0b}); a key of alpha158 takes 32.8 kB, a key of a few
     * built-ins under 1 kB. A number without a unit is refused: Flink would read {@code 64} as
     * 64 bytes, not one key of alpha158.
     */
    public String memory = "64mb";
    /** Keys cached at most per subtask, whatever their size; at least 1. */
    public int maxKeys = HistoryCacheSpec.DEFAULT.maxKeys();

    /**
     * This section as a spec.
     *
     * @throws IllegalArgumentException naming the setting, when a value is not valid
     */
    public HistoryCacheSpec spec() {
        MemorySize bytes;
        try {
            bytes = MemorySize.parse(memory);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("factorCache.memory: '" + memory + "' is not a memory"
                    + " size, e.g. 64mb or 1gb");
        }
        String text = memory.trim();
        if (!Character.isLetter(text.charAt(text.length() - 1))) {
            throw new IllegalArgumentException("factorCache.memory: '" + memory + "' has no unit;"
                    + " Flink reads a bare number as bytes: write the unit, e.g. " + text
                    + "mb (b, kb, mb, gb)");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("factorCache.maxKeys: " + maxKeys
                    + " must be at least 1");
        }
        return new HistoryCacheSpec(bytes.getBytes(), maxKeys);
    }
}
