package io.quantstream.portfolio;

import io.quantstream.model.CrossSection;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;

/**
 * Hands a strategy's cross-sections to a {@link Step} in close-time order, whatever their arrival
 * order (the rule is on {@link PortfolioConstructor}, "Order"). Keyed state of the portfolio
 * function that owns it: the last processed close time and the bars waiting for their
 * predecessors, each with an event-time timer at its close time.
 */
final class BarOrder {

    /** What is done with each cross-section, in order. */
    interface Step {
        /**
         * @param previousClose close time of the bar processed before, null for the first
         */
        void apply(CrossSection cs, Long previousClose) throws Exception;
    }

    /** Where a rejected cross-section goes (a dead letter). */
    interface Rejects {
        void reject(CrossSection cs, String reason, String detail);
    }

    private final ValueState<Long> lastCloseTime;
    private final MapState<Long, CrossSection> pending;
    private final ValueState<Integer> pendingCount;
    private final Counter outOfOrder;
    private final Counter forced;

    BarOrder(RuntimeContext context) {
        lastCloseTime = context.getState(PortfolioState.lastCloseTime());
        pending = context.getMapState(new MapStateDescriptor<>(
                "pending", Types.LONG, TypeInformation.of(CrossSection.class)));
        pendingCount = context.getState(new ValueStateDescriptor<>("pending-count", Types.INT));
        outOfOrder = context.getMetricGroup().counter("outOfOrderCrossSections");
        forced = context.getMetricGroup().counter("forcedBars");
    }

    /** Close time of the last processed bar, null before the first. */
    Long lastCloseTime() throws Exception {
        return lastCloseTime.value();
    }

    /** Processes {@code cs} now, or keeps it until its predecessors are processed. */
    void offer(CrossSection cs, TimerService timers, Rejects rejects, Step step) throws Exception {
        Long last = lastCloseTime.value();
        if ((last != null && cs.closeTime <= last) || pending.contains(cs.closeTime)) {
            outOfOrder.inc();
            rejects.reject(cs, "out-of-order", "bar closing " + cs.closeTime
                    + " not after the last processed or pending one (last processed " + last + ")");
            return;
        }
        boolean next = last != null && cs.openTime == last + 1;
        if (next || cs.openTime - 1 <= timers.currentWatermark()) {
            process(cs, step);
        } else {
            pending.put(cs.closeTime, cs);
            timers.registerEventTimeTimer(cs.closeTime);
            int count = pendingCount.value() == null ? 1 : pendingCount.value() + 1;
            pendingCount.update(count);
            if (count > PortfolioConstructor.MAX_PENDING_BARS) {
                forced.inc();
                processPending(oldestPending(), timers, step);
            }
        }
        drain(timers, step);
    }

    /** The event-time timer at {@code timestamp} fired: its bar's predecessors can no longer come. */
    void fire(long timestamp, TimerService timers, Step step) throws Exception {
        if (pending.contains(timestamp)) {
            processPending(timestamp, timers, step);
            drain(timers, step);
        }
    }

    /** Processes waiting bars while the oldest directly follows the last processed one. */
    private void drain(TimerService timers, Step step) throws Exception {
        while (pendingCount.value() != null && lastCloseTime.value() != null) {
            long oldest = oldestPending();
            if (pending.get(oldest).openTime != lastCloseTime.value() + 1) {
                return;
            }
            processPending(oldest, timers, step);
        }
    }

    private long oldestPending() throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Long closeTime : pending.keys()) {
            oldest = Math.min(oldest, closeTime);
        }
        return oldest;
    }

    private void processPending(long closeTime, TimerService timers, Step step) throws Exception {
        CrossSection cs = pending.get(closeTime);
        pending.remove(closeTime);
        timers.deleteEventTimeTimer(closeTime);
        int count = pendingCount.value() - 1;
        if (count == 0) {
            pendingCount.clear();
        } else {
            pendingCount.update(count);
        }
        process(cs, step);
    }

    private void process(CrossSection cs, Step step) throws Exception {
        Long previous = lastCloseTime.value();
        lastCloseTime.update(cs.closeTime);
        step.apply(cs, previous);
    }
}
