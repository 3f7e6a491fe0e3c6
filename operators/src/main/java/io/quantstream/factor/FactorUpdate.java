package io.quantstream.factor;

import io.quantstream.factor.expr.BarField;
import io.quantstream.factor.expr.FactorProgram;
import io.quantstream.model.Kline;
import java.math.BigDecimal;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One key's factor computation, one kline at a time, over its {@link FactorHistory}: what
 * {@link FactorCalculator} runs per kline, and what {@code state bootstrap} runs over history to
 * write a savepoint's factor state, so that the state it writes is the state a job that read the
 * same klines holds. Not thread-safe; one per operator instance.
 *
 * <pre>{@code
 * FactorUpdate update = new FactorUpdate(FactorSet.parse("ema(20),rsi(14)"));
 * FactorHistory h = null;
 * for (Kline bar : bars) {                      // one key's klines, in open-time order
 *     if (FactorUpdate.skipReason(h, bar) == null) {
 *         h = h == null ? new FactorHistory() : h;
 *         double[] values = update.advance(h, bar, node -> {});
 *     }
 * }
 * }</pre>
 */
public final class FactorUpdate {

    /** {@link #skipReason}: the kline has no positive close. */
    public static final String INVALID_CLOSE = "invalid-close";
    /** {@link #skipReason}: a partial roll-up (the input starts or ends inside the bar). */
    public static final String PARTIAL = "partial";
    /** {@link #skipReason}: the kline does not open after the last one taken. */
    public static final String OUT_OF_ORDER = "out-of-order";

    private final FactorSet factors;
    private final FactorProgram program;
    private final long[] ids;
    private final BarField[] fields;
    /**
     * The state arrays {@link #advance} gave last: they fit the program, so the key's next
     * kline under the heap state of BATCH (the same arrays again) needs no alignment check.
     */
    private double[][] aligned;

    /** An exception of a plug-in's factor fails {@link #advance} ({@link IllegalStateException}). */
    public FactorUpdate(FactorSet factors) {
        this(factors, null);
    }

    /**
     * @param pluginFailures told the call (with the plug-in's class and jar) and the exception of
     *     each plug-in factor that fails in {@link #advance}; its value is then {@code NaN} and
     *     its state as before the bar ({@link FactorProgram#onPluginFailure}); null: such a
     *     failure fails {@link #advance}. The listener is set on the set's program, which every
     *     {@code FactorUpdate} of this {@link FactorSet} instance shares (the last one set is
     *     told): one {@code FactorUpdate} per instance (each task deserializes its own).
     */
    public FactorUpdate(FactorSet factors, BiConsumer<String, Exception> pluginFailures) {
        this.factors = factors;
        this.program = factors.program();
        this.ids = program.stateIds();
        this.fields = factors.fieldsRead();
        program.onPluginFailure(pluginFailures);
        // in the task's open, as Flink's generated operators compile: not on the first bar
        program.generateNodeLoop();
    }

    /**
     * Why {@code bar} is not taken into {@code h} (null: the key has no history yet):
     * {@link #INVALID_CLOSE}, {@link #PARTIAL}, {@link #OUT_OF_ORDER}, checked in that order;
     * null when it is taken.
     */
    public static String skipReason(FactorHistory h, Kline bar) {
        return skipReason(h, bar.close, bar.partial, bar.openTime);
    }

    /** {@link #skipReason(FactorHistory, Kline)} of the kline {@code bar} was made of. */
    public static String skipReason(FactorHistory h, FactorBar bar) {
        return skipReason(h, bar.close, bar.partial, bar.openTime);
    }

    private static String skipReason(FactorHistory h, BigDecimal close, boolean partial,
            long openTime) {
        if (close == null || close.signum() <= 0) {
            return INVALID_CLOSE;
        }
        if (partial) {
            return PARTIAL;
        }
        if (h != null && openTime <= h.lastOpenTime) {
            return OUT_OF_ORDER;
        }
        return null;
    }

    /** {@code k} as this update's set takes it ({@link FactorBar#of}, the set's fields). */
    public FactorBar bar(Kline k) {
        return FactorBar.of(k, fields);
    }

    /**
     * Advances {@code h} (a new, empty one for a key's first kline) by {@code bar}, which
     * {@link #skipReason} takes, and returns the factor values in set order ({@code NaN} while
     * warming up); {@code h} then holds them too.
     *
     * @param rejectedNode told the canonical text of each stored node whose history does not fit
     *     its layout (it warms up again)
     */
    public double[] advance(FactorHistory h, Kline bar, Consumer<String> rejectedNode) {
        return advance(h, bar(bar), rejectedNode);
    }

    /**
     * {@link #advance(FactorHistory, Kline, Consumer)} by the kline {@code bar} was made of, by
     * {@link #bar} or {@link FactorBar#of} with the set's {@link FactorSet#fieldsRead}.
     *
     * @throws IllegalArgumentException if {@code bar} does not hold the set's fields
     */
    public double[] advance(FactorHistory h, FactorBar bar, Consumer<String> rejectedNode) {
        double[][] states = h.states == aligned && h.nodes == ids ? aligned
                : program.align(h.nodes, h.states, rejectedNode);
        aligned = states;
        double[] values = program.evaluate(bar.fields, states);
        h.lastOpenTime = bar.openTime;
        h.nodes = ids;
        h.states = states;
        h.values = values;
        return values;
    }

    /**
     * The factors of the set (indexes in set order) still warming up in {@code h} after an
     * {@link #advance}; empty when all are warm.
     */
    public int[] warmingUp(FactorHistory h) {
        return program.warmingUp(h.states);
    }

    /**
     * Per factor of the set, the bars its expression has taken in {@code h}, at most its
     * {@link FactorSet#warmUp warm-up} (so equal to it once warm); 0 for nodes {@code h} has no
     * fitting history of.
     */
    public long[] warmUpBars(FactorHistory h) {
        double[][] states = program.align(h.nodes, h.states, node -> {});
        long[] bars = new long[factors.size()];
        for (int f = 0; f < bars.length; f++) {
            long taken = program.barsTaken(f, states);
            bars[f] = Math.min(taken == Long.MAX_VALUE ? (h.nodes == null ? 0 : 1) : taken,
                    factors.warmUp(f));
        }
        return bars;
    }
}
