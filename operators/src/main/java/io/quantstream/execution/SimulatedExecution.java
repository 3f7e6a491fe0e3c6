package io.quantstream.execution;

import io.quantstream.ledger.LedgerStages;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;

/**
 * One strategy's simulated account (key: the strategy name): target positions, 1m klines, 1m
 * mark-price klines and funding rates in, {@link Fill}s out, with the ledger's
 * {@link LedgerEntry}s and {@link FundingPayment}s on side outputs ({@link LedgerStages}). What
 * it does at each event time is {@link Account}'s; this function puts the events in event-time
 * order.
 *
 * <p><b>Order.</b> Every event waits in a buffer under its account time ({@link
 * AccountEvent#accountTime}) and is applied with all others of that time, sorted (klines, mark
 * prices, funding, targets; each by instrument), so the result never depends on the order
 * records of the streams arrive in. A time is released when no event of it can still arrive: in STREAMING when
 * the watermark passes it (an event-time timer); in BATCH, where keyed input arrives sorted by
 * timestamp and the watermark stays at {@code Long.MIN_VALUE}, when a record with a later
 * timestamp arrives (and the last time by its timer at the end). So the buffer holds the events
 * between the watermark and the newest record (BATCH: one time's), at most
 * {@value #MAX_BUFFERED_EVENTS}: beyond that the oldest time is released ahead of the watermark
 * (counter {@code releasedAheadOfWatermark}). An event whose time was released already goes to
 * {@link DeadLetters#TAG} as {@link #LATE}.
 *
 * <p><b>End of input</b> (watermark {@code Long.MAX_VALUE}, seen by a timer at that time): targets
 * still waiting for a bar are dead letters {@link #NO_NEXT_BAR}, and only the ledger stays in
 * state, with no timer.
 *
 * <p><b>Dead letters</b> (stage {@value #STAGE}; counter {@code rejectedEvents}, and
 * {@code lateEvents}, {@code unfilledTargets} for theirs): {@link #LATE}, {@link #OUT_OF_ORDER}
 * (a bar not after its instrument's last one), {@link #DUPLICATE} (a second bar, mark-price bar,
 * target or funding rate of an instrument at one time), {@link #UNKNOWN_INSTRUMENT} (not in the spec),
 * {@link #NOT_ONE_MINUTE}, {@link #INVALID_PRICE} (open or close missing or not positive; a mark-price bar's open),
 * {@link #NO_PRICE} (a non-zero target for an instrument without a close yet), {@link
 * #INVALID_WEIGHT}, {@link #NOT_A_PERPETUAL}, {@link #INVALID_RATE}, {@link #NO_NEXT_BAR},
 * {@link #EMPTY_EVENT}. Other
 * counters: {@code fills}, {@code cutOrders}, {@code skippedOrders}, {@code fundingPayments},
 * {@code supersededTargets} (a target replaced by a newer one before its bar).
 */
public class SimulatedExecution extends KeyedProcessFunction<String, AccountEvent, Fill> {

    /** Dead-letter stage name. */
    public static final String STAGE = "execution";
    public static final String LATE = "late";
    public static final String OUT_OF_ORDER = "out-of-order";
    public static final String DUPLICATE = "duplicate";
    public static final String UNKNOWN_INSTRUMENT = "unknown-instrument";
    public static final String NOT_ONE_MINUTE = "not-one-minute";
    public static final String INVALID_PRICE = "invalid-price";
    public static final String NO_PRICE = "no-price";
    public static final String INVALID_WEIGHT = "invalid-weight";
    public static final String NOT_A_PERPETUAL = "not-a-perpetual";
    public static final String INVALID_RATE = "invalid-rate";
    public static final String NO_NEXT_BAR = "no-next-bar";
    public static final String EMPTY_EVENT = "empty-event";
    /** Most events buffered per strategy before the oldest time is released regardless. */
    public static final int MAX_BUFFERED_EVENTS = 100_000;

    /** Rank, instrument, then (only for two events of one instrument) the whole record. */
    private static final Comparator<Sortable> ORDER = Comparator
            .comparingInt(Sortable::rank)
            .thenComparing(Sortable::instrument)
            .thenComparing(s -> s.event().toString());

    private final ExecutionSpec spec;

    private transient Set<String> instruments;
    private transient boolean sortedInput;
    private transient MapState<Long, AccountEvent[]> buffer;
    private transient ValueState<Integer> buffered;
    private transient ValueState<Long> releasedUpTo;
    private transient ValueState<AccountState> account;
    private transient Counter fills;
    private transient Counter cuts;
    private transient Counter skips;
    private transient Counter fundingPayments;
    private transient Counter rejected;
    private transient Counter late;
    private transient Counter unfilled;
    private transient Counter superseded;
    private transient Counter ahead;

    public SimulatedExecution(ExecutionSpec spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext openContext) {
        instruments = spec.instrumentKeys();
        sortedInput = getRuntimeContext() instanceof StreamingRuntimeContext runtime
                && runtime.getJobType() == JobType.BATCH;
        TypeInformation<AccountEvent> event = TypeInformation.of(AccountEvent.class);
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "buffer", Types.LONG, Types.OBJECT_ARRAY(event)));
        buffered = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered", Types.INT));
        releasedUpTo = getRuntimeContext().getState(
                new ValueStateDescriptor<>("released-up-to", Types.LONG));
        account = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "account", TypeInformation.of(AccountState.class)));
        var metrics = getRuntimeContext().getMetricGroup();
        fills = metrics.counter("fills");
        cuts = metrics.counter("cutOrders");
        skips = metrics.counter("skippedOrders");
        fundingPayments = metrics.counter("fundingPayments");
        rejected = metrics.counter("rejectedEvents");
        late = metrics.counter("lateEvents");
        unfilled = metrics.counter("unfilledTargets");
        superseded = metrics.counter("supersededTargets");
        ahead = metrics.counter("releasedAheadOfWatermark");
    }

    @Override
    public void processElement(AccountEvent event, Context ctx, Collector<Fill> out)
            throws Exception {
        if (event.isEmpty()) {
            new Output(ctx, out).reject(event, EMPTY_EVENT,
                    "no kline, mark price, funding rate or target");
            return;
        }
        long time = event.accountTime();
        Long released = releasedUpTo.value();
        long watermark = ctx.timerService().currentWatermark();
        if (time <= watermark || (released != null && time <= released)) {
            late.inc();
            new Output(ctx, out).reject(event, LATE, "account time " + time
                    + " already released (watermark " + watermark + ", released " + released + ")");
            return;
        }
        if (sortedInput && ctx.timestamp() != null) {
            releaseBefore(ctx.timestamp(), ctx, out);
        }
        if (buffered.value() == null) {
            // the end of input (watermark Long.MAX_VALUE) must reach onTimer (registered once)
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        AccountEvent[] waiting = buffer.get(time);
        AccountEvent[] events = waiting == null ? new AccountEvent[1]
                : Arrays.copyOf(waiting, waiting.length + 1);
        events[events.length - 1] = event;
        buffer.put(time, events);
        ctx.timerService().registerEventTimeTimer(time);
        int count = buffered.value() == null ? 1 : buffered.value() + 1;
        buffered.update(count);
        if (count > MAX_BUFFERED_EVENTS) {
            ahead.inc();
            release(oldest(), ctx, out, true);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Fill> out) throws Exception {
        if (buffer.contains(timestamp)) {
            release(timestamp, ctx, out, false);
        }
        if (timestamp == Long.MAX_VALUE) {
            AccountState state = account.value();
            if (state != null && state.pending.length > 0) {
                Account a = new Account(spec, instruments, state);
                a.endOfInput(new Output(ctx, out));
                account.update(a.state());
            }
            releasedUpTo.clear();
        }
    }

    /** Releases, in time order, every buffered time before {@code timestamp} (sorted input). */
    private void releaseBefore(long timestamp, Context ctx, Collector<Fill> out) throws Exception {
        List<Long> times = new ArrayList<>();
        for (Long t : buffer.keys()) {
            if (t < timestamp) {
                times.add(t);
            }
        }
        times.sort(null);
        for (long t : times) {
            release(t, ctx, out, true);
        }
    }

    private long oldest() throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Long t : buffer.keys()) {
            oldest = Math.min(oldest, t);
        }
        return oldest;
    }

    private void release(long time, Context ctx, Collector<Fill> out, boolean beforeTimer)
            throws Exception {
        AccountEvent[] events = buffer.get(time);
        buffer.remove(time);
        if (beforeTimer) {
            ctx.timerService().deleteEventTimeTimer(time);
        }
        int count = buffered.value() - events.length;
        if (count == 0) {
            buffered.clear();
        } else {
            buffered.update(count);
        }
        releasedUpTo.update(time);
        List<Sortable> sortable = new ArrayList<>(events.length);
        for (AccountEvent e : events) {
            sortable.add(new Sortable(e.rank(), e.instrument(), e));
        }
        sortable.sort(ORDER);
        List<AccountEvent> sorted = new ArrayList<>(events.length);
        sortable.forEach(s -> sorted.add(s.event()));
        AccountState state = account.value();
        Account a = new Account(spec, instruments, state == null ? Account.start(spec) : state);
        a.process(time, sorted, new Output(ctx, out));
        account.update(a.state());
    }

    private record Sortable(int rank, String instrument, AccountEvent event) {}

    /** Sends an account's output to the collector and the side outputs, counting it. */
    private final class Output implements AccountOutput {
        private final Context ctx;
        private final Collector<Fill> out;

        Output(Context ctx, Collector<Fill> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void fill(Fill fill) {
            fills.inc();
            if (Fill.CUT.equals(fill.reason)) {
                cuts.inc();
            } else if (Fill.SKIPPED.equals(fill.reason)) {
                skips.inc();
            }
            out.collect(fill);
        }

        @Override
        public void funding(FundingPayment payment) {
            fundingPayments.inc();
            ctx.output(LedgerStages.FUNDING, payment);
        }

        @Override
        public void ledger(LedgerEntry entry) {
            ctx.output(LedgerStages.ENTRIES, entry);
        }

        @Override
        public void reject(AccountEvent event, String reason, String detail) {
            rejected.inc();
            if (NO_NEXT_BAR.equals(reason)) {
                unfilled.inc();
            }
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, reason, detail,
                    "strategy " + spec.strategy(), event.toString(),
                    event.isEmpty() ? Long.MIN_VALUE : event.eventTime()));
        }

        @Override
        public void superseded(PendingOrder order) {
            superseded.inc();
        }
    }
}
