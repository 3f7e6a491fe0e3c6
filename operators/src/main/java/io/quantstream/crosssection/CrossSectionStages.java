package io.quantstream.crosssection;

import io.quantstream.eventtime.StampedKeyedProcessOperator;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Instrument;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage: factor vectors to one scored cross-section per bar of a universe.
 *
 * <pre>{@code
 * CrossSectionSpec spec = new CrossSectionSpec("majors", List.of(Instrument.parse("usdm:BTCUSDT"),
 *         Instrument.parse("usdm:ETHUSDT")), "1m", Map.of("log_return_5", -1.0, "rsi_14", -0.5));
 * SingleOutputStreamOperator<CrossSection> sections = CrossSectionStages.score(factors, spec);
 * }</pre>
 */
public final class CrossSectionStages {

    private CrossSectionStages() {}

    /**
     * Keeps the vectors of the spec's interval and instruments, keys them by bar open time and
     * emits one {@link CrossSection} per bar (see {@link CrossSectionAssembler}), record timestamp
     * = the bar's close time. The output watermark lags the input one by {@code maxWait}, so a bar
     * emitted after the wait is not late downstream. Rejected vectors go to the
     * {@link DeadLetters#TAG} side output.
     *
     * <p>Operator uids: {@code cross-section-<universe>-<interval>} and {@code …-filter}.
     */
    public static SingleOutputStreamOperator<CrossSection> score(
            DataStream<FactorVector> factors, CrossSectionSpec spec) {
        String uid = uid(spec);
        String interval = spec.interval();
        Set<String> instruments = Set.copyOf(spec.keys());
        return factors
                .filter(v -> interval.equals(v.interval)
                        && instruments.contains(Instrument.key(v.market, v.symbol)))
                .uid(uid + "-filter")
                .name("universe " + spec.universe() + " " + interval)
                .keyBy(v -> v.openTime, Types.LONG)
                .transform("cross-section " + spec.universe() + " " + interval,
                        TypeInformation.of(CrossSection.class),
                        operator(spec))
                .uid(uid);
    }

    /** Uid of the keyed operator of {@link #score}: {@code cross-section-<universe>-<interval>}. */
    public static String uid(CrossSectionSpec spec) {
        return "cross-section-" + spec.universe() + "-" + spec.interval();
    }

    /**
     * The assembler in an operator that stamps each cross-section with its close time and holds
     * the watermark back by {@code maxWait}, so that bars emitted late by the wait are still on
     * time downstream.
     */
    static StampedKeyedProcessOperator<Long, FactorVector, CrossSection> operator(
            CrossSectionSpec spec) {
        return new StampedKeyedProcessOperator<>(new CrossSectionAssembler(spec),
                cs -> cs.closeTime, spec.maxWait().toMillis());
    }
}
