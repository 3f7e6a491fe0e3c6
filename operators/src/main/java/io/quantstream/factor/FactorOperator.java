package io.quantstream.factor;

import io.quantstream.model.FactorVector;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * The factor stage's operator: a {@link FactorCalculator} that, in STREAMING, keeps the
 * histories of recently used keys on the heap between klines ({@link FactorHistoryCache}) and
 * writes them to the keyed state when they leave the cache and before every snapshot (which also
 * empties the cache: {@link FactorHistoryCache}), so that checkpoints and savepoints hold what a
 * calculator without the cache holds (the same state, the same uid: savepoints of either restore
 * into the other). On RocksDB this takes the read and
 * write of a key's whole history off every kline. In BATCH, where keys arrive one after the
 * other and no snapshot is taken, the histories of the current key (a bucket of instruments and
 * intervals, {@link FactorStages#sortKey}) stay on the heap instead of in keyed state
 * ({@link BucketHistories}).
 *
 * @param <K> the key: {@link FactorStages#key} or, in BATCH, {@link FactorStages#sortKey}
 */
public final class FactorOperator<K> extends KeyedProcessOperator<K, FactorBar, FactorVector> {

    private static final long serialVersionUID = 1L;

    private final FactorCalculator<K> calculator;
    private final int cachedKeys;

    /** Caches as many keys as {@link HistoryCacheSpec#DEFAULT} holds of the set's histories. */
    public FactorOperator(FactorSet factors) {
        this(factors, HistoryCacheSpec.DEFAULT);
    }

    /** Caches as many keys as {@code cache} holds of the set's histories. */
    public FactorOperator(FactorSet factors, HistoryCacheSpec cache) {
        this(factors, cache.keysFor(factors.stateSize()));
    }

    /** @param cachedKeys keys whose histories stay on the heap in STREAMING, at least 1 */
    FactorOperator(FactorSet factors, int cachedKeys) {
        this(new FactorCalculator<>(factors), cachedKeys);
    }

    private FactorOperator(FactorCalculator<K> calculator, int cachedKeys) {
        super(calculator);
        this.calculator = calculator;
        this.cachedKeys = cachedKeys;
    }

    /** Keys whose histories stay on the heap in STREAMING. */
    public int cachedKeys() {
        return cachedKeys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (getRuntimeContext().getJobType() == JobType.BATCH) {
            calculator.keepHistoriesPerBucket();
        } else {
            calculator.cacheHistories(new FactorHistoryCache<K>(cachedKeys, this::write));
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        calculator.flushHistories();
        super.snapshotState(context);
    }

    private void write(K key, FactorHistory history) {
        Object current = getCurrentKey();
        setCurrentKey(key);
        try {
            calculator.writeHistory(history);
        } catch (Exception e) {
            throw new IllegalStateException("writing the factor history of " + key, e);
        } finally {
            if (current != null) {
                setCurrentKey(current);
            }
        }
    }
}
