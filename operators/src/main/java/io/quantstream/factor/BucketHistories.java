package io.quantstream.factor;

import io.quantstream.model.Market;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The factor histories of a BATCH factor operator: those of the instruments and intervals of the
 * current {@link FactorStages#sortKey bucket}, on the heap, in place of keyed state. A BATCH job
 * gives a keyed operator its input key by key, each key's records in timestamp order; under a
 * bucket key that means the klines of the bucket's instruments and intervals interleaved in time
 * order, each of them in order. When the bucket changes, the previous one's input is over and
 * its histories are dropped. A bucket almost always holds one instrument and interval (2¹⁶
 * buckets), so the last one looked up is kept apart from the map. Not thread-safe; one per
 * operator instance.
 */
final class BucketHistories {

    private final Map<String, FactorHistory> histories = new HashMap<>();
    private Object bucket;
    /** The instrument and interval last looked up and its history (null: none yet). */
    private Market market;
    private String symbol;
    private String interval;
    private FactorHistory last;

    /**
     * The history of {@code bar}'s instrument and interval in {@code bucket}, null before its
     * first kline; drops every history of the previous bucket when {@code bucket} differs from it.
     */
    FactorHistory get(Object bucket, FactorBar bar) {
        if (!bucket.equals(this.bucket)) {
            this.bucket = bucket;
            histories.clear();
            last = null;
        } else if (last != null && bar.market == market && Objects.equals(bar.symbol, symbol)
                && Objects.equals(bar.interval, interval)) {
            return last;
        }
        market = bar.market;
        symbol = bar.symbol;
        interval = bar.interval;
        last = histories.get(FactorStages.key(market, symbol, interval));
        return last;
    }

    /** Keeps {@code h} as the history of the instrument and interval last given to {@link #get}. */
    void put(FactorHistory h) {
        if (h != last) {
            histories.put(FactorStages.key(market, symbol, interval), h);
            last = h;
        }
    }

    /** Instruments and intervals of the current bucket with a history. */
    int size() {
        return histories.size();
    }
}
