package io.quantstream.portfolio;

import io.quantstream.eventtime.StampedKeyedProcessOperator;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.TargetPosition;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage: scored cross-sections to dollar-neutral target positions.
 *
 * <pre>{@code
 * StrategySpec spec = new StrategySpec("majors-reversal", "majors", "1m", 1.0, 0.25,
 *         new BigDecimal("100000"));
 * SingleOutputStreamOperator<TargetPosition> targets = PortfolioStages.targets(sections, spec);
 * }</pre>
 */
public final class PortfolioStages {

    private PortfolioStages() {}

    /**
     * Keeps the cross-sections of the spec's universe and interval, keys them by strategy name
     * and emits one {@link TargetPosition} per symbol of the universe and bar (see
     * {@link PortfolioConstructor}); record timestamp = the bar's close time. Rejected
     * cross-sections go to the {@link DeadLetters#TAG} side output.
     *
     * <p>Operator uids: {@code portfolio-<name>} and {@code portfolio-<name>-filter}.
     */
    public static SingleOutputStreamOperator<TargetPosition> targets(
            DataStream<CrossSection> scores, StrategySpec spec) {
        String uid = "portfolio-" + spec.name();
        String universe = spec.universe();
        String interval = spec.interval();
        String name = spec.name();
        return scores
                .filter(cs -> universe.equals(cs.universe) && interval.equals(cs.interval))
                .uid(uid + "-filter")
                .name("universe " + universe + " " + interval)
                .keyBy(cs -> name, Types.STRING)
                .transform("portfolio " + name, TypeInformation.of(TargetPosition.class),
                        operator(spec))
                .uid(uid);
    }

    /** The constructor in an operator that stamps each target with its decision time. */
    static StampedKeyedProcessOperator<String, CrossSection, TargetPosition> operator(
            StrategySpec spec) {
        return new StampedKeyedProcessOperator<>(new PortfolioConstructor(spec), p -> p.time, 0);
    }
}
