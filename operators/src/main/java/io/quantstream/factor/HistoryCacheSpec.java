package io.quantstream.factor;

import java.io.Serializable;

/**
 * How many factor histories one factor operator instance keeps on the heap between klines in
 * STREAMING ({@link FactorHistoryCache}): as many keys as fit in {@code memoryBytes} (8 bytes a
 * double of history, {@link FactorSet#stateSize} doubles a key), at most {@code maxKeys}, at
 * least one. The bytes count the histories' arrays only; the map and array headers add about
 * 100 bytes a key. BATCH keeps no cache.
 *
 * @param memoryBytes heap for cached histories per operator instance (subtask), bytes, ≥ 0
 * @param maxKeys keys cached at most, whatever the size of their histories, ≥ 1
 */
public record HistoryCacheSpec(long memoryBytes, int maxKeys) implements Serializable {

    /** 64 MiB (8 M doubles: about 2,045 keys of alpha158) and at most 65,536 keys. */
    public static final HistoryCacheSpec DEFAULT = new HistoryCacheSpec(64L << 20, 65_536);

    /** @throws IllegalArgumentException on negative memory or fewer than one key */
    public HistoryCacheSpec {
        if (memoryBytes < 0) {
            throw new IllegalArgumentException("memory must not be negative, was " + memoryBytes);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
    }

    /** Keys cached for histories of {@code stateSize} doubles each: at least 1. */
    public int keysFor(int stateSize) {
        long doubles = memoryBytes / Double.BYTES;
        return (int) Math.max(1, Math.min(maxKeys, doubles / Math.max(1, stateSize)));
    }
}
