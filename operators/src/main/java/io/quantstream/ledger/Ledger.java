package io.quantstream.ledger;

import io.quantstream.model.FundingPayment;
import io.quantstream.model.Instrument;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strategy's accounts: cash and one {@link Holding} per instrument, with the three things that
 * change them (a fill, a funding payment, a new close) and the report of them at a bar.
 *
 * <p>Rules (quote currency; money per {@link Money}):
 * <ul>
 *   <li>A fill of signed quantity {@code q} at price {@code p} with fee {@code f}:
 *       {@code cash −= q × p + f}. Adding to a position (or opening one) moves the average entry
 *       price to the quantity-weighted mean (rounded half-even to 18 decimals); reducing it
 *       realizes {@code min(|q|, |position|) × (p − average) × sign(position)}; a fill through
 *       zero opens the rest at {@code p}.
 *   <li>Funding at rate {@code r}, mark price {@code m}: {@code payment = − position × m × r}
 *       into cash (longs pay when {@code r > 0}).
 *   <li>{@code equity = cash + Σ position × close}: exact, no division involved.
 * </ul>
 *
 * <pre>{@code
 * Ledger ledger = Ledger.open(state == null ? Ledger.start(initialEquity) : state);
 * ledger.trade(holding, quantity, price, fee);
 * state = ledger.state();
 * }</pre>
 */
public final class Ledger {

    private BigDecimal cash;
    private BigDecimal peakEquity;
    private final TreeMap<String, Holding> holdings = new TreeMap<>();

    private Ledger(LedgerState state) {
        cash = state.cash;
        peakEquity = state.peakEquity;
        for (Holding h : state.holdings) {
            holdings.put(h.instrument(), h);
        }
    }

    /** The state of a new ledger: {@code initialEquity} in cash, no holdings. */
    public static LedgerState start(BigDecimal initialEquity) {
        LedgerState s = new LedgerState();
        s.cash = initialEquity;
        s.peakEquity = initialEquity;
        s.holdings = new Holding[0];
        return s;
    }

    /** A ledger over {@code state}; its holdings are changed in place. */
    public static Ledger open(LedgerState state) {
        return new Ledger(state);
    }

    /** The state to keep: cash, peak equity and the holdings sorted by instrument key. */
    public LedgerState state() {
        LedgerState s = new LedgerState();
        s.cash = cash;
        s.peakEquity = peakEquity;
        s.holdings = holdings.values().toArray(new Holding[0]);
        return s;
    }

    public BigDecimal cash() {
        return cash;
    }

    /** The holding of instrument key {@code MARKET:SYMBOL}, or null if never seen. */
    public Holding holding(String instrument) {
        return holdings.get(instrument);
    }

    /** Every holding, by instrument key. */
    public Collection<Holding> holdings() {
        return holdings.values();
    }

    /** The instrument's latest close becomes {@code close}, at {@code closeTime}. */
    public void mark(Market market, String symbol, BigDecimal close, long closeTime) {
        Holding h = holdings.computeIfAbsent(Instrument.key(market, symbol),
                key -> Holding.of(market, symbol));
        h.close = close;
        h.closeTime = closeTime;
    }

    /** {@code cash + Σ position × close}. */
    public BigDecimal equity() {
        return equity(Map.of());
    }

    /**
     * {@code cash + Σ position × price}, with the price of an instrument from {@code prices} (by
     * key) where present, else its latest close.
     */
    public BigDecimal equity(Map<String, BigDecimal> prices) {
        BigDecimal equity = cash;
        for (Holding h : holdings.values()) {
            if (h.position.signum() != 0) {
                BigDecimal price = prices.getOrDefault(h.instrument(), h.close);
                equity = equity.add(h.position.multiply(price));
            }
        }
        return equity;
    }

    /**
     * Books a fill of {@code quantity} (signed, base currency) at {@code price} with {@code fee}.
     *
     * @return the trading PnL it realized
     */
    public BigDecimal trade(Holding h, BigDecimal quantity, BigDecimal price, BigDecimal fee) {
        BigDecimal before = h.position;
        BigDecimal realized = BigDecimal.ZERO;
        if (before.signum() == 0 || before.signum() == quantity.signum()) {
            BigDecimal size = before.abs().add(quantity.abs());
            BigDecimal cost = before.signum() == 0 ? BigDecimal.ZERO
                    : before.abs().multiply(h.averageEntryPrice);
            h.averageEntryPrice = cost.add(quantity.abs().multiply(price))
                    .divide(size, Money.SCALE, RoundingMode.HALF_EVEN);
        } else {
            BigDecimal closed = quantity.abs().min(before.abs());
            realized = Money.round(closed.multiply(price.subtract(h.averageEntryPrice))
                    .multiply(BigDecimal.valueOf(before.signum())));
            int remaining = quantity.abs().compareTo(before.abs());
            if (remaining >= 0) { // flat, or the rest opens the other side at this price
                h.averageEntryPrice = remaining == 0 ? null : price;
            }
        }
        h.position = before.add(quantity);
        h.realizedPnl = h.realizedPnl.add(realized);
        h.fees = h.fees.add(fee);
        h.traded = true;
        cash = Money.round(cash.subtract(quantity.multiply(price)).subtract(fee));
        return realized;
    }

    /**
     * Books the funding of {@code h}'s position at {@code rate} with mark price {@code mark}
     * (taken from {@code markSource}, a {@link FundingPayment#markPriceSource}):
     * {@code − position × mark × rate} into cash.
     */
    public FundingPayment fund(Holding h, String reference, long time, BigDecimal mark,
            String markSource, BigDecimal rate) {
        BigDecimal payment = Money.round(h.position.negate().multiply(mark).multiply(rate));
        h.funding = h.funding.add(payment);
        cash = cash.add(payment);
        FundingPayment p = new FundingPayment();
        p.reference = reference;
        p.market = h.market;
        p.symbol = h.symbol;
        p.time = time;
        p.position = h.position;
        p.markPrice = mark;
        p.markPriceSource = markSource;
        p.rate = rate;
        p.payment = payment;
        return p;
    }

    /**
     * The ledger at {@code time}: a row per instrument ever traded (by key), then the total row;
     * a new highest equity becomes the peak the drawdown is measured from.
     */
    public List<LedgerEntry> report(String reference, long time) {
        List<LedgerEntry> rows = new ArrayList<>();
        LedgerEntry total = entry(reference, time, null, null);
        total.realizedPnl = total.unrealizedPnl = total.fees = total.funding = BigDecimal.ZERO;
        total.grossExposure = total.netExposure = BigDecimal.ZERO;
        for (Holding h : holdings.values()) {
            if (!h.traded) {
                continue;
            }
            LedgerEntry row = entry(reference, time, h.market, h.symbol);
            row.position = h.position;
            row.averageEntryPrice = h.averageEntryPrice;
            row.close = h.close;
            row.realizedPnl = h.realizedPnl;
            row.unrealizedPnl = h.unrealizedPnl();
            row.fees = h.fees;
            row.funding = h.funding;
            row.netExposure = h.position.multiply(h.close);
            row.grossExposure = row.netExposure.abs();
            rows.add(row);
            total.realizedPnl = total.realizedPnl.add(row.realizedPnl);
            total.unrealizedPnl = total.unrealizedPnl.add(row.unrealizedPnl);
            total.fees = total.fees.add(row.fees);
            total.funding = total.funding.add(row.funding);
            total.grossExposure = total.grossExposure.add(row.grossExposure);
            total.netExposure = total.netExposure.add(row.netExposure);
        }
        total.cash = cash;
        total.equity = cash.add(total.netExposure);
        peakEquity = peakEquity.max(total.equity);
        total.drawdown = Money.round(
                peakEquity.subtract(total.equity).divide(peakEquity, MathContext.DECIMAL128));
        rows.add(total);
        return rows;
    }

    private static LedgerEntry entry(String reference, long time, Market market, String symbol) {
        LedgerEntry e = new LedgerEntry();
        e.reference = reference;
        e.time = time;
        e.market = market;
        e.symbol = symbol;
        return e;
    }
}
