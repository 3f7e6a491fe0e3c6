package io.quantstream.portfolio;

import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Instrument;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The portfolio of {@link PortfolioConstructor} (same targets, same order, same dead letters)
 * under control commands read as a broadcast stream, with the change of every target.
 *
 * <p><b>Commands</b> ({@link ControlCommand}) are kept in broadcast state by scope (this strategy
 * and global, at most {@value #MAX_COMMANDS_PER_SCOPE} per scope, the oldest by time dropped
 * first; commands for other strategies are ignored), and looked up by event time: at each bar, the
 * command in force is the latest ({@link ControlHistory#ORDER}) with a time before the bar's
 * close. So arrival order does not matter: in BATCH, where every command is read before the
 * first bar, and in STREAMING, where they come between bars, the output is the same. What the
 * strategy emits at a bar:
 *
 * <ul>
 *   <li>no command or {@code RESUME} in force: the normal targets; when a RESUME ends a freeze,
 *       an instrument that left the universe meanwhile gets its {@code left-universe} zero target;
 *   <li>{@code STOP} taking effect: the last target of every instrument restated unchanged, at
 *       this bar's time, reason {@code stopped}; then nothing while it is in force;
 *   <li>{@code FLAT} taking effect: weight 0 and quantity 0 for every instrument of the strategy
 *       (the universe of this bar and every instrument with a last target), reason {@code flat},
 *       priced at the bar's or the last close; then nothing while it is in force.
 * </ul>
 *
 * While frozen, bars are still consumed (closes, universe changes), so a RESUME gives the next
 * bar's normal targets. A bar whose weighting fails ({@link PortfolioConstructor}: no normal
 * targets, a dead letter {@code weighting-failed}) still applies its commands: STOP restates,
 * FLAT takes every instrument with a last target to zero. A command to no bar yet (time after the last bar) has no effect yet.
 *
 * <p><b>Actions.</b> Each command is reported once per strategy on {@link PortfolioStages#ACTIONS}
 * at the first bar that sees it: {@code applied} (in force, with the instruments whose quantity
 * it changed) or {@code superseded} (a later one is in force). In STREAMING a command can come
 * after a bar closing after its time was decided: it then takes effect from the next bar and is
 * reported {@code late} (counter {@code lateControlCommands}); in BATCH none is late. A command
 * without a known action or a time, or with a blank reference, is a dead letter of stage
 * {@code control} (reported by subtask 0 only, counter {@code rejectedControlCommands}); the same
 * command twice is kept once (counter {@code duplicateControlCommands}).
 *
 * <p><b>Deltas.</b> Next to every target whose quantity differs from the instrument's last
 * target, and next to every {@code flat} target, a {@link TargetDelta} on
 * {@link PortfolioStages#DELTAS}. Keyed state: the last target per instrument key (at most the
 * universe: an instrument that left it is forgotten after its last target), the command in force
 * and the ids of the commands reported.
 */
public class ControlledPortfolio
        extends KeyedBroadcastProcessFunction<String, CrossSection, ControlCommand, TargetPosition> {

    /** Most commands kept per scope (a strategy, or global). */
    public static final int MAX_COMMANDS_PER_SCOPE = 1000;
    static final String CONTROL_STAGE = "control";

    private final StrategySpec spec;

    private transient BarOrder bars;
    private transient TargetSizer sizer;
    private transient MapState<String, TargetPosition> lastTargets;
    private transient ValueState<ControlCommand> inForce;
    private transient MapState<String, Boolean> reported;
    private transient Counter rejected;
    private transient Counter duplicates;
    private transient Counter late;

    public ControlledPortfolio(StrategySpec spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext openContext) {
        bars = new BarOrder(getRuntimeContext());
        sizer = new TargetSizer(spec, getRuntimeContext());
        // by instrument key, MARKET:SYMBOL
        lastTargets = getRuntimeContext().getMapState(PortfolioState.lastTargets());
        inForce = getRuntimeContext().getState(PortfolioState.controlInForce());
        reported = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("control-reported", Types.STRING, Types.BOOLEAN));
        rejected = getRuntimeContext().getMetricGroup().counter("rejectedControlCommands");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateControlCommands");
        late = getRuntimeContext().getMetricGroup().counter("lateControlCommands");
    }

    @Override
    public void processBroadcastElement(ControlCommand command, Context ctx,
            Collector<TargetPosition> out) throws Exception {
        String problem = problem(command);
        if (problem != null) {
            // every instance sees the command: one dead letter is enough
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                rejected.inc();
                ctx.output(DeadLetters.TAG, DeadLetter.of(CONTROL_STAGE, problem, problem + ": "
                        + command, "strategy " + spec.name(), render(command),
                        command.time == null ? Long.MIN_VALUE : command.time));
            }
            return;
        }
        String scope = command.scope();
        if ((scope.equals(ControlCommand.GLOBAL) || scope.equals(spec.name()))
                && !ControlHistory.add(ctx.getBroadcastState(ControlHistory.DESCRIPTOR), command)) {
            duplicates.inc();
        }
    }

    @Override
    public void processElement(CrossSection cs, ReadOnlyContext ctx, Collector<TargetPosition> out)
            throws Exception {
        bars.offer(cs, ctx.timerService(), (bar, reason, detail) -> reject(ctx, bar, reason, detail),
                (bar, previous) -> decide(bar, previous, ctx, out));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TargetPosition> out)
            throws Exception {
        bars.fire(timestamp, ctx.timerService(), (bar, previous) -> decide(bar, previous, ctx, out));
    }

    private void decide(CrossSection cs, Long previousClose, ReadOnlyContext ctx,
            Collector<TargetPosition> out) throws Exception {
        TreeMap<String, TargetPosition> normal =
                sizer.size(cs, (bar, reason, detail) -> reject(ctx, bar, reason, detail));
        List<ControlCommand> applicable = ControlHistory.applicable(
                ctx.getBroadcastState(ControlHistory.DESCRIPTOR), spec.name(), cs.closeTime);
        ControlCommand now = applicable.isEmpty() ? null : applicable.get(applicable.size() - 1);
        ControlCommand before = inForce.value();
        boolean frozenBefore = before != null && !ControlCommand.RESUME.equals(before.action);
        boolean takesEffect = now != null && (before == null || !now.id().equals(before.id()));
        String action = now == null ? ControlCommand.RESUME : now.action;

        // a RESUME, or no command, in force: the normal targets (also when the command in force
        // was dropped from the history)
        Emitter emitter = new Emitter(ctx, out);
        if (action.equals(ControlCommand.RESUME)) {
            if (normal != null) { // null: the weighting failed, a dead letter says why
                emitter.normal(cs.closeTime, normal);
            }
        } else if (takesEffect && action.equals(ControlCommand.STOP)) {
            emitter.restate(cs.closeTime);
        } else if (takesEffect) {
            // flat needs no weights: the universe's instruments with a last target still go to 0
            emitter.flat(cs.closeTime, normal != null ? normal : new TreeMap<>());
        }
        boolean changesState = takesEffect && (frozenBefore || !action.equals(ControlCommand.RESUME));
        report(applicable, now, takesEffect, changesState ? emitter.changed : new TreeSet<>(),
                cs.closeTime, previousClose, ctx);
        if (now == null) {
            inForce.clear();
        } else {
            inForce.update(now);
        }
    }

    /** One {@link ControlAction} per command this bar sees first; the ids reported kept in state. */
    private void report(List<ControlCommand> applicable, ControlCommand now, boolean takesEffect,
            TreeSet<String> changed, long closeTime, Long previousClose, ReadOnlyContext ctx)
            throws Exception {
        boolean any = false;
        for (ControlCommand c : applicable) {
            boolean inForceNow = c.id().equals(now.id());
            if (reported.contains(c.id()) && !(inForceNow && takesEffect)) {
                continue;
            }
            any = true;
            reported.put(c.id(), true);
            ControlAction a = new ControlAction();
            a.time = closeTime;
            a.reference = spec.name();
            a.action = c.action;
            a.scope = c.scope();
            a.commandTime = c.time;
            a.issuer = c.issuer;
            a.comment = c.comment;
            a.outcome = inForceNow ? ControlAction.APPLIED : ControlAction.SUPERSEDED;
            a.late = previousClose != null && c.time < previousClose;
            a.changed = inForceNow ? changed.toArray(new String[0]) : new String[0];
            if (a.late) {
                late.inc();
            }
            ctx.output(PortfolioStages.ACTIONS, a);
        }
        if (any) {
            TreeSet<String> kept = new TreeSet<>();
            for (ControlCommand c : ControlHistory.all(
                    ctx.getBroadcastState(ControlHistory.DESCRIPTOR), spec.name())) {
                kept.add(c.id());
            }
            List<String> gone = new ArrayList<>();
            for (String id : reported.keys()) {
                if (!kept.contains(id)) {
                    gone.add(id);
                }
            }
            for (String id : gone) {
                reported.remove(id);
            }
        }
    }

    /** Emits targets and their deltas, keeping the last target per instrument. */
    private final class Emitter {
        private final ReadOnlyContext ctx;
        private final Collector<TargetPosition> out;
        /** Instruments whose target quantity changed. */
        final TreeSet<String> changed = new TreeSet<>();

        Emitter(ReadOnlyContext ctx, Collector<TargetPosition> out) {
            this.ctx = ctx;
            this.out = out;
        }

        /** The normal targets; an instrument with a last target but none here leaves the universe. */
        void normal(long time, TreeMap<String, TargetPosition> targets) throws Exception {
            for (TargetPosition p : targets.values()) {
                emit(p, false);
            }
            for (Map.Entry<String, TargetPosition> last : lastEntries()) {
                if (!targets.containsKey(last.getKey())) {
                    // left while frozen: close it; a zero target has nothing to close
                    if (last.getValue().quantity.signum() != 0) {
                        emit(TargetSizer.zeroTarget(spec, time, last.getKey(),
                                last.getValue().price, TargetPosition.LEFT_UNIVERSE), false);
                    }
                    lastTargets.remove(last.getKey());
                }
            }
        }

        /** The last targets again, unchanged, reason {@code stopped}. */
        void restate(long time) throws Exception {
            for (Map.Entry<String, TargetPosition> last : lastEntries()) {
                TargetPosition p = last.getValue();
                emit(TargetSizer.target(spec, time, p.market, p.symbol, p.weight, p.quantity,
                        p.price, TargetPosition.STOPPED), false);
            }
        }

        /** Every instrument of the universe or with a last target to zero, reason {@code flat}. */
        void flat(long time, TreeMap<String, TargetPosition> normal) throws Exception {
            TreeMap<String, BigDecimal> prices = new TreeMap<>();
            for (Map.Entry<String, TargetPosition> last : lastEntries()) {
                prices.put(last.getKey(), last.getValue().price);
            }
            for (TargetPosition p : normal.values()) {
                if (p.price != null) {
                    prices.put(Instrument.key(p.market, p.symbol), p.price);
                } else {
                    prices.putIfAbsent(Instrument.key(p.market, p.symbol), null);
                }
            }
            for (Map.Entry<String, BigDecimal> instrument : prices.entrySet()) {
                emit(TargetSizer.zeroTarget(spec, time, instrument.getKey(), instrument.getValue(),
                        TargetPosition.FLAT), true);
                TargetPosition sized = normal.get(instrument.getKey());
                if (sized == null || TargetPosition.LEFT_UNIVERSE.equals(sized.reason)) {
                    lastTargets.remove(instrument.getKey());
                }
            }
        }

        private void emit(TargetPosition p, boolean alwaysDelta) throws Exception {
            String key = Instrument.key(p.market, p.symbol);
            TargetPosition previous = lastTargets.get(key);
            BigDecimal before = previous == null ? TargetSizer.ZERO_QUANTITY : previous.quantity;
            BigDecimal delta = p.quantity.subtract(before);
            if (delta.signum() != 0) {
                changed.add(key);
            }
            if (delta.signum() != 0 || alwaysDelta) {
                ctx.output(PortfolioStages.DELTAS, delta(p, previous, before, delta));
            }
            out.collect(p);
            if (TargetPosition.LEFT_UNIVERSE.equals(p.reason)) {
                lastTargets.remove(key);
            } else {
                lastTargets.put(key, p);
            }
        }

        private List<Map.Entry<String, TargetPosition>> lastEntries() throws Exception {
            List<Map.Entry<String, TargetPosition>> entries = new ArrayList<>();
            lastTargets.entries().forEach(entries::add);
            entries.sort(Map.Entry.comparingByKey());
            return entries;
        }
    }

    private static TargetDelta delta(TargetPosition p, TargetPosition previous, BigDecimal before,
            BigDecimal delta) {
        TargetDelta d = new TargetDelta();
        d.time = p.time;
        d.market = p.market;
        d.symbol = p.symbol;
        d.reference = p.reference;
        d.previousTime = previous == null ? null : previous.time;
        d.previousQuantity = before;
        d.quantity = p.quantity;
        d.deltaQuantity = delta;
        d.price = p.price;
        d.deltaNotional = p.price == null ? BigDecimal.ZERO : delta.multiply(p.price);
        d.reason = p.reason;
        return d;
    }

    /** Why a command cannot be used, or null. */
    static String problem(ControlCommand c) {
        if (c.action == null || c.action.isBlank()) {
            return "missing-action";
        } else if (!ControlCommand.ACTIONS.contains(c.action)) {
            return "unknown-action";
        } else if (c.time == null) {
            return "missing-time";
        } else if (c.time < 0) {
            return "time-out-of-range";
        } else if (c.reference != null && c.reference.isBlank()) {
            return "blank-reference";
        }
        return null;
    }

    private static String render(ControlCommand c) {
        return "action=" + c.action + " reference=" + c.reference + " time=" + c.time + " issuer="
                + c.issuer + " comment=" + c.comment;
    }

    private void reject(ReadOnlyContext ctx, CrossSection cs, String reason, String detail) {
        ctx.output(DeadLetters.TAG, PortfolioConstructor.deadLetter(spec, cs, reason, detail));
    }
}
