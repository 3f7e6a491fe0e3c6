package io.quantstream.crosssection;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.UnscoredSymbol;
import io.quantstream.model.Instrument;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gathers the factor vectors of one bar (key: bar open time, epoch ms UTC) across the instruments
 * of a {@link CrossSectionSpec} and emits one {@link CrossSection} per bar:
 *
 * <ul>
 *   <li>as soon as every instrument has reported, from {@code processElement} — the path that
 *       gives the same output in BATCH, where the watermark stays at {@code Long.MIN_VALUE}
 *       while records arrive;
 *   <li>otherwise when the watermark reaches {@code closeTime + maxWait} (an event-time timer),
 *       with the instruments it has: {@code complete = false}, the absent ones in
 *       {@code missing}, counter {@code incompleteBars}.
 * </ul>
 *
 * <p>Every instrument of the spec is in the cross-section: scored ({@link CombinedScores}), in
 * {@code unscored} with its reason (a weighted factor warming up, {@code factor-not-warm}, counted
 * per instrument and bar in {@code notWarmInstruments}; or not finite), or in {@code missing} (by
 * key, {@code MARKET:SYMBOL}). Spot and USD-M vectors of one symbol are two instruments.
 *
 * <p>After an emission the bar's vectors are dropped but an {@code emitted} flag stays until the
 * same timer, then all state of the bar is cleared. A vector for an emitted bar, or one arriving
 * after the watermark passed its bar's deadline, goes to {@link DeadLetters#TAG} as {@code late}
 * (counter {@code lateVectors}); a second vector of an instrument for a pending bar as
 * {@code duplicate}; a vector without one of the weighted factors as {@code missing-factor}.
 *
 * <p>Timer emissions carry the deadline as timestamp; the stage runs this function in a
 * {@link io.quantstream.eventtime.StampedKeyedProcessOperator} that restamps them with the bar's
 * close time.
 */
public class CrossSectionAssembler extends KeyedProcessFunction<Long, FactorVector, CrossSection> {

    static final String STAGE = "cross-section";

    private final CrossSectionSpec spec;
    /** The spec's instrument keys, sorted. */
    private final String[] instruments;
    private final String[] factors;
    private final double[] weights;
    private final CrossSectionTransform[] transforms;
    private final long maxWaitMillis;

    private transient MapState<String, FactorVector> reported;
    private transient ValueState<Integer> reportedCount;
    private transient ValueState<Boolean> emitted;
    private transient Counter incompleteBars;
    private transient Counter late;
    private transient Counter duplicates;
    private transient Counter missingFactors;
    private transient Counter notWarm;

    public CrossSectionAssembler(CrossSectionSpec spec) {
        this.spec = spec;
        this.instruments = spec.keys().toArray(new String[0]);
        this.factors = spec.weights().keySet().toArray(new String[0]);
        this.weights = spec.weights().values().stream().mapToDouble(Double::doubleValue).toArray();
        this.transforms = spec.transforms().values().toArray(new CrossSectionTransform[0]);
        this.maxWaitMillis = spec.maxWait().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        reported = getRuntimeContext().getMapState(reportedDescriptor());
        reportedCount = getRuntimeContext().getState(reportedCountDescriptor());
        emitted = getRuntimeContext().getState(emittedDescriptor());
        incompleteBars = getRuntimeContext().getMetricGroup().counter("incompleteBars");
        late = getRuntimeContext().getMetricGroup().counter("lateVectors");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateVectors");
        missingFactors = getRuntimeContext().getMetricGroup().counter("missingFactorVectors");
        notWarm = getRuntimeContext().getMetricGroup().counter("notWarmInstruments");
    }

    /** Keyed state (by bar): the vectors reported so far, by instrument key. */
    public static MapStateDescriptor<String, FactorVector> reportedDescriptor() {
        return new MapStateDescriptor<>(
                "reported", Types.STRING, TypeInformation.of(FactorVector.class));
    }

    /** Keyed state (by bar): how many instruments have reported. */
    public static ValueStateDescriptor<Integer> reportedCountDescriptor() {
        return new ValueStateDescriptor<>("reported-count", Types.INT);
    }

    /** Keyed state (by bar): true once the bar's cross-section was emitted. */
    public static ValueStateDescriptor<Boolean> emittedDescriptor() {
        return new ValueStateDescriptor<>("emitted", Types.BOOLEAN);
    }

    @Override
    public void processElement(FactorVector v, Context ctx, Collector<CrossSection> out)
            throws Exception {
        for (String factor : factors) {
            if (!contains(v.names, factor)) {
                missingFactors.inc();
                reject(ctx, v, "missing-factor", "no factor '" + factor + "' in the vector");
                return;
            }
        }
        long deadline = v.closeTime + maxWaitMillis;
        if (Boolean.TRUE.equals(emitted.value())
                || ctx.timerService().currentWatermark() >= deadline) {
            late.inc();
            reject(ctx, v, "late", "bar " + v.openTime + " already emitted or past its deadline "
                    + deadline + " (watermark " + ctx.timerService().currentWatermark() + ")");
            return;
        }
        String instrument = Instrument.key(v.market, v.symbol);
        if (reported.contains(instrument)) {
            duplicates.inc();
            reject(ctx, v, "duplicate", "second vector of " + instrument + " for bar "
                    + v.openTime);
            return;
        }
        int count = reportedCount.value() == null ? 0 : reportedCount.value();
        if (count == 0) {
            ctx.timerService().registerEventTimeTimer(deadline);
        }
        reported.put(instrument, v);
        reportedCount.update(++count);
        if (count == instruments.length) {
            out.collect(crossSection(v.openTime, v.closeTime, true));
            reported.clear();
            reportedCount.clear();
            emitted.update(true);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CrossSection> out)
            throws Exception {
        if (!Boolean.TRUE.equals(emitted.value())) {
            incompleteBars.inc();
            out.collect(crossSection(ctx.getCurrentKey(), timestamp - maxWaitMillis, false));
        }
        reported.clear();
        reportedCount.clear();
        emitted.clear();
    }

    private CrossSection crossSection(long openTime, long closeTime, boolean complete)
            throws Exception {
        List<FactorVector> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String instrument : instruments) {
            FactorVector v = reported.get(instrument);
            if (v == null) {
                missing.add(instrument);
            } else {
                present.add(v);
            }
        }
        CrossSection cs = new CrossSection();
        cs.universe = spec.universe();
        cs.interval = spec.interval();
        cs.openTime = openTime;
        cs.closeTime = closeTime;
        cs.complete = complete;
        cs.missing = missing.toArray(new String[0]);
        CombinedScores.Result scored =
                CombinedScores.combine(present, factors, weights, transforms);
        cs.scores = scored.scored();
        cs.unscored = scored.unscored();
        for (UnscoredSymbol u : cs.unscored) {
            if (UnscoredSymbol.FACTOR_NOT_WARM.equals(u.reason)) {
                notWarm.inc();
            }
        }
        return cs;
    }

    private void reject(Context ctx, FactorVector v, String reason, String detail) {
        ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, reason, detail,
                "universe " + spec.universe() + " bar " + ctx.getCurrentKey(), render(v),
                v.closeTime));
    }

    private static String render(FactorVector v) {
        StringBuilder s = new StringBuilder()
                .append(v.market).append(':').append(v.symbol).append(' ').append(v.interval)
                .append(' ').append(v.openTime)
                .append(" c=").append(v.close);
        for (int i = 0; v.names != null && i < v.names.length; i++) {
            s.append(' ').append(v.names[i]).append('=').append(v.values[i]);
        }
        return s.toString();
    }

    private static boolean contains(String[] names, String name) {
        if (names != null) {
            for (String n : names) {
                if (n.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
