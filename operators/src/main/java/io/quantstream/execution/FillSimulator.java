package io.quantstream.execution;

import io.quantstream.ledger.Holding;
import io.quantstream.ledger.Ledger;
import io.quantstream.ledger.Money;
import io.quantstream.model.Fill;
import io.quantstream.model.Kline;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the orders that are due at the open of one 1m bar, and books them in the ledger.
 *
 * <ol>
 *   <li>Each order asks for {@code target − position} at the bar's open {@code p}.
 *   <li><b>Gap cut.</b> With every position valued at the open (instruments without a bar now: at
 *       their last close), {@code equity} and the gross exposure after the orders,
 *       {@code Σ |target| × p}, are computed; if the gross exposure exceeds
 *       {@code grossLeverage × equity}, every order that increases its instrument's exposure
 *       ({@code |target| > |position|}) keeps its current exposure and gets the same fraction
 *       {@code k} of its increase, the largest that fits: {@code |target'| = |position| + k ×
 *       (|target| − |position|)}, rounded toward zero to 8 decimals; those fills are
 *       {@link Fill#CUT}. Orders that reduce exposure are never cut.
 *   <li><b>Lot rules.</b> The order quantity is rounded toward zero to the instrument's step
 *       size (after the cut, so a reduced position may stay a step above its target); an order
 *       that rounds to 0 or whose notional at the fill price is below the minimum is
 *       {@link Fill#SKIPPED}.
 *   <li><b>Costs.</b> Fill price {@code p × (1 ± slippage)} against the side; fee
 *       {@code |quantity| × price × fee rate}, rounded per {@link Money}.
 * </ol>
 */
final class FillSimulator {

    private final ExecutionSpec spec;
    private final BigDecimal grossLeverage;

    FillSimulator(ExecutionSpec spec) {
        this.spec = spec;
        this.grossLeverage = BigDecimal.valueOf(spec.grossLeverage());
    }

    /**
     * @param due the orders to fill, sorted by instrument key, each with a bar in {@code bars}
     * @param bars this bar's klines by instrument key
     * @return one fill per order that asked for a non-zero quantity, in the order of {@code due}
     */
    List<Fill> fill(List<PendingOrder> due, Map<String, Kline> bars, Ledger ledger) {
        Map<String, BigDecimal> opens = new HashMap<>();
        bars.forEach((key, bar) -> opens.put(key, bar.open));
        BigDecimal equity = ledger.equity(opens);
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal increase = BigDecimal.ZERO;
        Map<String, PendingOrder> ordered = new HashMap<>();
        due.forEach(o -> ordered.put(o.instrument(), o));
        for (Holding h : ledger.holdings()) {
            if (!ordered.containsKey(h.instrument()) && h.position.signum() != 0) {
                BigDecimal price = opens.getOrDefault(h.instrument(), h.close);
                gross = gross.add(h.position.abs().multiply(price));
            }
        }
        for (PendingOrder o : due) {
            BigDecimal open = opens.get(o.instrument());
            BigDecimal held = position(ledger, o).abs();
            gross = gross.add(o.quantity.abs().multiply(open));
            if (o.quantity.abs().compareTo(held) > 0) {
                increase = increase.add(o.quantity.abs().subtract(held).multiply(open));
            }
        }
        BigDecimal limit = grossLeverage.multiply(equity);
        BigDecimal cut = null;
        if (gross.compareTo(limit) > 0 && increase.signum() > 0) {
            BigDecimal room = limit.subtract(gross.subtract(increase));
            cut = room.signum() <= 0 ? BigDecimal.ZERO
                    : room.divide(increase, MathContext.DECIMAL128);
        }

        List<Fill> fills = new ArrayList<>();
        for (PendingOrder o : due) {
            Fill f = fill(o, bars.get(o.instrument()), ledger, cut, gross, limit);
            if (f != null) {
                fills.add(f);
            }
        }
        return fills;
    }

    private Fill fill(PendingOrder o, Kline bar, Ledger ledger, BigDecimal cut, BigDecimal gross,
            BigDecimal limit) {
        BigDecimal position = position(ledger, o);
        BigDecimal asked = o.quantity.subtract(position);
        if (asked.signum() == 0) {
            return null;
        }
        BigDecimal target = o.quantity;
        String reason = Fill.REBALANCE;
        String detail = null;
        if (cut != null && target.abs().compareTo(position.abs()) > 0) {
            BigDecimal increase = target.abs().subtract(position.abs());
            BigDecimal size = position.abs().add(cut.multiply(increase))
                    .setScale(ExecutionSpec.QUANTITY_SCALE, RoundingMode.DOWN);
            target = target.signum() < 0 ? size.negate() : size;
            reason = Fill.CUT;
            detail = "increase cut to " + cut.round(MathContext.DECIMAL64).toPlainString()
                    + ": gross " + gross.toPlainString() + " above " + limit.toPlainString();
        }
        LotRule lot = spec.lot(o.instrument());
        BigDecimal quantity = lot.round(target.subtract(position));
        MarketCosts costs = spec.costs().get(o.market);
        BigDecimal price = Money.round(costs.fillPrice(bar.open, asked.signum() > 0));
        Fill f = new Fill();
        f.market = o.market;
        f.symbol = o.symbol;
        f.signalTime = o.signalTime;
        f.time = bar.openTime;
        f.orderQuantity = asked;
        f.price = price;
        f.reason = reason;
        f.detail = detail;
        BigDecimal notional = quantity.multiply(price);
        if (quantity.signum() == 0 || lot.belowMinimum(notional.abs())) {
            f.quantity = BigDecimal.ZERO;
            f.notional = f.fee = f.realizedPnl = BigDecimal.ZERO;
            if (target.compareTo(position) == 0) {
                return f; // cut to nothing: a cut, not a skip
            }
            f.reason = Fill.SKIPPED;
            f.detail = (detail == null ? "" : detail + "; ") + (quantity.signum() == 0
                    ? "rounds to 0 at step " + plain(lot.stepSize())
                    : "notional " + notional.abs().toPlainString() + " below minimum "
                            + lot.minNotional().toPlainString());
            return f;
        }
        f.quantity = quantity;
        f.notional = Money.round(notional);
        f.fee = Money.round(costs.fee(quantity, price));
        Holding h = ledger.holding(o.instrument());
        f.realizedPnl = ledger.trade(h, quantity, price, f.fee);
        return f;
    }

    private static BigDecimal position(Ledger ledger, PendingOrder o) {
        Holding h = ledger.holding(o.instrument());
        return h == null ? BigDecimal.ZERO : h.position;
    }

    private static String plain(BigDecimal step) {
        return step == null ? "1E-" + ExecutionSpec.QUANTITY_SCALE : step.toPlainString();
    }
}
