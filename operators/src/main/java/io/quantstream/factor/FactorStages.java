package io.quantstream.factor;

import io.quantstream.eventtime.ExecutionModes;
import io.quantstream.factor.expr.BarField;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage: klines to factor vectors.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<FactorVector> factors =
 *         FactorStages.compute(klines, FactorSet.parse("ema(20),rsi(14),vwap_dev"));
 * DataStream<DeadLetter> rejected = factors.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
public final class FactorStages {

    /** Stable operator uid of {@link #compute}. */
    public static final String UID = "factors";
    /** Stable uid of the stateless map of {@link #compute} from klines to {@link FactorBar}s. */
    public static final String BARS_UID = "factor-bars";

    private FactorStages() {}

    /**
     * One {@link FactorVector} per complete kline (gap-filled empty bars included; {@link
     * Kline#partial partial} roll-ups are skipped), keyed by instrument and interval, values
     * {@code NaN} while warming up. Input record timestamps must be the klines' close times
     * (assigned at the source); outputs keep them. Out-of-order klines and klines without a
     * positive close go to the {@link DeadLetters#TAG} side output. Each sub-expression's history
     * is kept under its canonical text, so the factor set may change across a savepoint
     * ({@link FactorCalculator}).
     *
     * <p>Each kline is taken as a {@link FactorBar} (the fields the set reads, as doubles) by a
     * stateless map of uid {@link #BARS_UID} at the klines' parallelism, so chained to their
     * producer: the keyBy moves those instead of the kline's {@code BigDecimal}s.
     *
     * <p>The key is {@link #key} (a String: the key of every savepoint's factor state) unless the
     * job runs in BATCH ({@link ExecutionModes#executesAsBatch}), where it is {@link #sortKey}, a
     * 16-bit bucket of it. Flink sorts a BATCH job's keyed input by the serialized key and the
     * record timestamp, comparing an 8-byte normalized prefix of the two first and, where that
     * ties, the serialized records in full: with a String or a 64-bit key the prefix is all key,
     * so it ties for every two klines of one key, nearly every comparison; with a 2-byte key it
     * holds the top 6 bytes of the timestamp too (units of 65.5 s), which tell apart the klines
     * of one instrument and interval but for some pairs of 1m bars (then compared in full). The
     * operator keeps
     * each instrument's history of the current bucket on the heap ({@link BucketHistories});
     * BATCH jobs take no savepoints, so no state is keyed by the bucket. In STREAMING the
     * histories of recently used keys stay on the heap between klines ({@link FactorOperator}).
     */
    public static SingleOutputStreamOperator<FactorVector> compute(
            DataStream<Kline> klines, FactorSet factors) {
        return compute(klines, factors, HistoryCacheSpec.DEFAULT);
    }

    /**
     * {@link #compute(DataStream, FactorSet)} keeping in STREAMING as many histories on the heap
     * as {@code cache} says.
     */
    public static SingleOutputStreamOperator<FactorVector> compute(
            DataStream<Kline> klines, FactorSet factors, HistoryCacheSpec cache) {
        boolean batch = ExecutionModes.executesAsBatch(klines);
        String name = "factors [" + factors.label() + "]";
        TypeInformation<FactorVector> vectors = TypeInformation.of(FactorVector.class);
        BarField[] fields = factors.fieldsRead();
        DataStream<FactorBar> bars = klines
                .map(k -> FactorBar.of(k, fields), TypeInformation.of(FactorBar.class))
                .name("factor bars [" + factors.label() + "]").uid(BARS_UID)
                .setParallelism(klines.getParallelism());
        var computed = batch
                ? bars.keyBy(FactorStages::sortKey, Types.SHORT)
                        .transform(name, vectors, new FactorOperator<Short>(factors, cache))
                : bars.keyBy(FactorStages::key, Types.STRING)
                        .transform(name, vectors, new FactorOperator<String>(factors, cache));
        return computed.uid(UID);
    }

    /**
     * The key of a kline's factor history: its instrument and interval,
     * {@code MARKET:SYMBOL:interval} ({@link Instrument#key}), so that spot and futures of the
     * same symbol never share a history.
     */
    public static String key(Kline k) {
        return key(k.market, k.symbol, k.interval);
    }

    /** {@link #key(Kline)} of the kline {@code bar} was made of. */
    public static String key(FactorBar bar) {
        return key(bar.market, bar.symbol, bar.interval);
    }

    /** {@link #key} of a kline of {@code symbol} on {@code market} at {@code interval}. */
    static String key(Market market, String symbol, String interval) {
        return Instrument.key(market, symbol) + ":" + interval;
    }

    /**
     * The key of the factor stage in BATCH: a 16-bit bucket of {@link #key}, FNV-1a over the
     * market, the symbol and the interval folded to 16 bits (stable across JVMs). Instruments
     * sharing a bucket keep their own histories ({@link BucketHistories}).
     */
    public static short sortKey(FactorBar k) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ (k.market == null ? 0xff : k.market.ordinal())) * 0x100000001b3L;
        h = hash(h, k.symbol);
        h = (h ^ ':') * 0x100000001b3L;
        h = hash(h, k.interval);
        return (short) (h ^ h >>> 16 ^ h >>> 32 ^ h >>> 48);
    }

    private static long hash(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
