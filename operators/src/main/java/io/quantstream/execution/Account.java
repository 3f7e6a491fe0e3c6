package io.quantstream.execution;

import io.quantstream.ledger.Holding;
import io.quantstream.ledger.Ledger;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One strategy's account at one event time {@code t}: takes every event of {@code t} (sorted:
 * klines, mark-price klines, funding rates, targets, each by instrument) and applies them in the order that keeps
 * the simulation free of look-ahead:
 *
 * <ol>
 *   <li>orders waiting for a bar that opens after their signal are filled at this bar's open
 *       ({@link FillSimulator}); the bar of a signal itself opened before it, so it never fills it;
 *   <li>funding at a time inside this bar, on the position after those fills, at the open of
 *       this minute's mark-price bar, or without one at the last close at or before the funding
 *       time ({@link FundingPayment#markPriceSource});
 *   <li>this bar's closes become every instrument's mark;
 *   <li>at a close of the strategy's interval, the ledger is reported;
 *   <li>targets of {@code t} are sized on the equity now known and wait for their next bar.
 * </ol>
 */
final class Account {

    private final ExecutionSpec spec;
    private final Set<String> instruments;
    private final FillSimulator simulator;
    private final Ledger ledger;
    private final TreeMap<String, PendingOrder> pending = new TreeMap<>();
    private final BigDecimal allocated;

    Account(ExecutionSpec spec, Set<String> instruments, AccountState state) {
        this.spec = spec;
        this.instruments = instruments;
        this.simulator = new FillSimulator(spec);
        this.ledger = Ledger.open(state.ledger);
        for (PendingOrder o : state.pending) {
            pending.put(o.instrument(), o);
        }
        this.allocated = BigDecimal.ONE.subtract(BigDecimal.valueOf(spec.cashBuffer()));
    }

    /** The state of an account that has seen nothing: the initial equity in cash. */
    static AccountState start(ExecutionSpec spec) {
        AccountState s = new AccountState();
        s.ledger = Ledger.start(spec.initialEquity());
        s.pending = new PendingOrder[0];
        return s;
    }

    AccountState state() {
        AccountState s = new AccountState();
        s.ledger = ledger.state();
        s.pending = pending.values().toArray(new PendingOrder[0]);
        return s;
    }

    /** Applies the events of account time {@code time}, sorted by rank then instrument. */
    void process(long time, List<AccountEvent> events, AccountOutput out) {
        Map<String, Kline> bars = new TreeMap<>();
        Map<String, Kline> markPrices = new TreeMap<>();
        for (AccountEvent e : events) {
            if (e.kline != null && acceptBar(e, bars, out)) {
                bars.put(e.instrument(), e.kline);
            } else if (e.markPrice != null && acceptMarkPrice(e, markPrices, out)) {
                markPrices.put(e.instrument(), e.markPrice);
            }
        }
        List<PendingOrder> due = new ArrayList<>();
        for (Map.Entry<String, Kline> bar : bars.entrySet()) {
            PendingOrder o = pending.get(bar.getKey());
            if (o != null && bar.getValue().openTime > o.signalTime) {
                due.add(o);
                pending.remove(bar.getKey());
            }
        }
        if (!due.isEmpty()) {
            for (Fill f : simulator.fill(due, bars, ledger)) {
                f.reference = spec.strategy();
                out.fill(f);
            }
        }
        Set<String> funded = new HashSet<>();
        for (AccountEvent e : events) {
            if (e.funding != null) {
                fund(e, bars.get(e.instrument()), markPrices.get(e.instrument()), funded, out);
            }
        }
        bars.forEach((key, bar) -> ledger.mark(bar.market, bar.symbol, bar.close, bar.closeTime));
        if (!bars.isEmpty() && (time + 1) % spec.interval().millis() == 0) {
            ledger.report(spec.strategy(), time).forEach(out::ledger);
        }
        BigDecimal equity = ledger.equity();
        Set<String> targeted = new HashSet<>();
        for (AccountEvent e : events) {
            if (e.target != null) {
                target(e, equity, targeted, out);
            }
        }
    }

    /** Orders still waiting when the input ends: no bar will fill them. */
    void endOfInput(AccountOutput out) {
        for (PendingOrder o : pending.values()) {
            TargetPosition t = new TargetPosition();
            t.reference = spec.strategy();
            t.market = o.market;
            t.symbol = o.symbol;
            t.time = o.signalTime;
            t.weight = o.weight;
            t.quantity = o.quantity;
            out.reject(AccountEvent.of(t), SimulatedExecution.NO_NEXT_BAR,
                    "input ended before a bar opened after the target");
        }
        pending.clear();
    }

    private boolean acceptBar(AccountEvent e, Map<String, Kline> bars, AccountOutput out) {
        Kline k = e.kline;
        String key = e.instrument();
        if (!instruments.contains(key)) {
            unknown(e, key, out);
            return false;
        }
        if (k.closeTime - k.openTime != 59_999) {
            out.reject(e, SimulatedExecution.NOT_ONE_MINUTE, "interval " + k.interval);
            return false;
        }
        if (!positive(k.open) || !positive(k.close)) {
            out.reject(e, SimulatedExecution.INVALID_PRICE, "open " + k.open + " close " + k.close);
            return false;
        }
        if (bars.containsKey(key)) {
            out.reject(e, SimulatedExecution.DUPLICATE,
                    "second bar of " + key + " closing " + k.closeTime);
            return false;
        }
        Holding h = ledger.holding(key);
        if (h != null && h.closeTime >= k.closeTime) {
            out.reject(e, SimulatedExecution.OUT_OF_ORDER, "bar closing " + k.closeTime
                    + " not after the last one, closing " + h.closeTime);
            return false;
        }
        return true;
    }

    /** A mark-price bar of a known instrument, one minute long, with a positive open. */
    private boolean acceptMarkPrice(AccountEvent e, Map<String, Kline> markPrices,
            AccountOutput out) {
        Kline k = e.markPrice;
        String key = e.instrument();
        if (!instruments.contains(key)) {
            unknown(e, key, out);
            return false;
        }
        if (k.closeTime - k.openTime != 59_999) {
            out.reject(e, SimulatedExecution.NOT_ONE_MINUTE, "mark price interval " + k.interval);
            return false;
        }
        if (!positive(k.open)) {
            out.reject(e, SimulatedExecution.INVALID_PRICE, "mark price open " + k.open);
            return false;
        }
        if (markPrices.containsKey(key)) {
            out.reject(e, SimulatedExecution.DUPLICATE,
                    "second mark-price bar of " + key + " closing " + k.closeTime);
            return false;
        }
        return true;
    }

    /**
     * Funding of {@code e}'s instrument; {@code bar} and {@code markPrice} are its 1m and
     * mark-price bars of the funding minute (null when there is none).
     */
    private void fund(AccountEvent e, Kline bar, Kline markPrice, Set<String> funded,
            AccountOutput out) {
        FundingRate f = e.funding;
        String key = e.instrument();
        if (!instruments.contains(key)) {
            unknown(e, key, out);
            return;
        }
        if (f.market == Market.SPOT) {
            out.reject(e, SimulatedExecution.NOT_A_PERPETUAL, "funding rate of a spot instrument");
            return;
        }
        if (f.lastFundingRate == null) {
            out.reject(e, SimulatedExecution.INVALID_RATE, "no rate");
            return;
        }
        if (funded.contains(key)) {
            out.reject(e, SimulatedExecution.DUPLICATE,
                    "second funding of " + key + " in one minute");
            return;
        }
        funded.add(key);
        Holding h = ledger.holding(key);
        if (h == null || h.position.signum() == 0) {
            return; // nothing held, nothing paid
        }
        if (markPrice != null) {
            out.funding(ledger.fund(h, spec.strategy(), f.calcTime, markPrice.open,
                    FundingPayment.MARK_PRICE_OPEN, f.lastFundingRate));
            return;
        }
        // the last close at or before the funding time: this bar's if it closed by then
        BigDecimal mark = bar != null && bar.closeTime <= f.calcTime ? bar.close : h.close;
        out.funding(ledger.fund(h, spec.strategy(), f.calcTime, mark, FundingPayment.LAST_CLOSE,
                f.lastFundingRate));
    }

    private void target(AccountEvent e, BigDecimal equity, Set<String> targeted,
            AccountOutput out) {
        TargetPosition t = e.target;
        String key = e.instrument();
        if (t.market == null || !instruments.contains(key)) {
            unknown(e, key, out);
            return;
        }
        if (!Double.isFinite(t.weight)) {
            out.reject(e, SimulatedExecution.INVALID_WEIGHT, "weight " + t.weight);
            return;
        }
        if (targeted.contains(key)) {
            out.reject(e, SimulatedExecution.DUPLICATE,
                    "second target of " + key + " at " + t.time);
            return;
        }
        targeted.add(key);
        Holding h = ledger.holding(key);
        BigDecimal quantity = BigDecimal.ZERO.setScale(ExecutionSpec.QUANTITY_SCALE);
        if (t.weight != 0 && equity.signum() > 0) {
            if (h == null || h.close == null) {
                out.reject(e, SimulatedExecution.NO_PRICE, "no 1m close of " + key + " yet");
                return;
            }
            // toward zero: rounding never sizes a position above its weight
            quantity = BigDecimal.valueOf(t.weight).multiply(equity).multiply(allocated)
                    .divide(h.close, ExecutionSpec.QUANTITY_SCALE, RoundingMode.DOWN);
        }
        PendingOrder o = new PendingOrder();
        o.market = t.market;
        o.symbol = t.symbol;
        o.signalTime = t.time;
        o.weight = t.weight;
        o.quantity = quantity;
        PendingOrder replaced = pending.put(key, o);
        if (replaced != null) {
            out.superseded(replaced);
        }
    }

    private void unknown(AccountEvent e, String key, AccountOutput out) {
        out.reject(e, SimulatedExecution.UNKNOWN_INSTRUMENT,
                key + " is not traded by " + spec.strategy());
    }

    private static boolean positive(BigDecimal price) {
        return price != null && price.signum() > 0;
    }
}
