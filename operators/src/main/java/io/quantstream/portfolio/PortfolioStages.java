package io.quantstream.portfolio;

import io.quantstream.eventtime.StampedKeyedProcessOperator;
import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Stage: scored cross-sections to dollar-neutral target positions.
 *
 * <pre>{@code
 * StrategySpec spec = new StrategySpec("majors-reversal", "majors", "1m", 1.0, 0.25,
 *         new BigDecimal("100000"));
 * SingleOutputStreamOperator<TargetPosition> targets = PortfolioStages.targets(sections, spec);
 *
 * // under control commands, with the change of every target (the live jobs); commands: e.g. the
 * // control topic decoded with JsonRecords.CONTROL, any parallelism, no watermarks needed
 * SingleOutputStreamOperator<TargetPosition> controlled =
 *         PortfolioStages.targets(sections, commands, spec);
 * DataStream<TargetDelta> deltas = controlled.getSideOutput(PortfolioStages.DELTAS);
 * DataStream<ControlAction> actions = controlled.getSideOutput(PortfolioStages.ACTIONS);
 * DataStream<DeadLetter> rejected = controlled.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
public final class PortfolioStages {

    /** Side output of the controlled stage: the change of each target ({@link ControlledPortfolio}). */
    public static final OutputTag<TargetDelta> DELTAS =
            new OutputTag<>("target-deltas", TypeInformation.of(TargetDelta.class));
    /** Side output of the controlled stage: what each control command did, per strategy. */
    public static final OutputTag<ControlAction> ACTIONS =
            new OutputTag<>("control-actions", TypeInformation.of(ControlAction.class));

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
        return byStrategy(scores, spec)
                .transform("portfolio " + spec.name(), TypeInformation.of(TargetPosition.class),
                        operator(spec))
                .uid(uid(spec.name()));
    }

    /**
     * The targets of {@link #targets(DataStream, StrategySpec)} under the control commands of
     * {@code control} (this strategy's and the global ones; see {@link ControlledPortfolio}):
     * STOP freezes the targets, FLAT takes them to zero and freezes them, RESUME goes back to
     * the normal targets, each from the first bar closing after the command's time. Side
     * outputs: {@link #DELTAS} (the change of every target to the instrument's previous one),
     * {@link #ACTIONS} (what each command did) and {@link DeadLetters#TAG} (rejected
     * cross-sections, and commands of stage {@code control}). Record timestamps: decision time.
     * Without any command the targets are those of the stage without control.
     *
     * <p>The control stream needs no timestamps or watermarks and never holds back the targets'
     * event time (an idle control topic is fine); it is read whole before the first bar in
     * BATCH. Commands apply by their time, not their arrival order.
     *
     * <p>Operator uids: {@code portfolio-<name>} (its keyed state extends that of the stage
     * without control, so a job can move to this stage from a savepoint of the other) and
     * {@code portfolio-<name>-filter}.
     */
    public static SingleOutputStreamOperator<TargetPosition> targets(
            DataStream<CrossSection> scores, DataStream<ControlCommand> control,
            StrategySpec spec) {
        return controlled(scores, control, spec, new ControlledPortfolio(spec));
    }

    /** {@link #targets(DataStream, DataStream, StrategySpec)} running {@code function}. */
    static SingleOutputStreamOperator<TargetPosition> controlled(DataStream<CrossSection> scores,
            DataStream<ControlCommand> control, StrategySpec spec, ControlledPortfolio function) {
        return byStrategy(scores, spec)
                .connect(control.broadcast())
                .transform("portfolio " + spec.name(), TypeInformation.of(TargetPosition.class),
                        new ControlledPortfolioOperator(function))
                .uid(uid(spec.name()));
    }

    /** Uid of the keyed portfolio operator of strategy {@code name}: {@code portfolio-<name>}. */
    public static String uid(String name) {
        return "portfolio-" + name;
    }

    /** The cross-sections of the spec's universe and interval, keyed by strategy name. */
    private static KeyedStream<CrossSection, String> byStrategy(DataStream<CrossSection> scores,
            StrategySpec spec) {
        String universe = spec.universe();
        String interval = spec.interval();
        String name = spec.name();
        return scores
                .filter(cs -> universe.equals(cs.universe) && interval.equals(cs.interval))
                .uid("portfolio-" + name + "-filter")
                .name("universe " + universe + " " + interval)
                .keyBy(cs -> name, Types.STRING);
    }

    /** The constructor in an operator that stamps each target with its decision time. */
    static StampedKeyedProcessOperator<String, CrossSection, TargetPosition> operator(
            StrategySpec spec) {
        return new StampedKeyedProcessOperator<>(new PortfolioConstructor(spec), p -> p.time, 0);
    }
}
