package io.quantstream.jobs.report;

import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;

/** Hand-made records of a backtest, as the execution and ledger stages emit them. */
final class BacktestRecords {

    static final String STRATEGY = "xs-test";

    private BacktestRecords() {}

    static LedgerEntry total(long time, String equity, String cash, String gross, String net,
            String drawdown, String fees, String funding) {
        LedgerEntry e = entry(time, null, null);
        e.equity = new BigDecimal(equity);
        e.cash = new BigDecimal(cash);
        e.grossExposure = new BigDecimal(gross);
        e.netExposure = new BigDecimal(net);
        e.drawdown = new BigDecimal(drawdown);
        e.fees = new BigDecimal(fees);
        e.funding = new BigDecimal(funding);
        e.realizedPnl = BigDecimal.ZERO;
        e.unrealizedPnl = BigDecimal.ZERO;
        return e;
    }

    static LedgerEntry instrument(long time, String symbol, String position, String close,
            String realized, String unrealized, String fees, String funding) {
        LedgerEntry e = entry(time, Market.USDM, symbol);
        e.position = new BigDecimal(position);
        e.close = new BigDecimal(close);
        e.realizedPnl = new BigDecimal(realized);
        e.unrealizedPnl = new BigDecimal(unrealized);
        e.fees = new BigDecimal(fees);
        e.funding = new BigDecimal(funding);
        e.netExposure = e.position.multiply(e.close);
        e.grossExposure = e.netExposure.abs();
        return e;
    }

    static Fill fill(long time, String symbol, String quantity, String price, String fee,
            String realized, String reason) {
        Fill f = new Fill();
        f.reference = STRATEGY;
        f.market = Market.USDM;
        f.symbol = symbol;
        f.signalTime = time - 1;
        f.time = time;
        f.quantity = new BigDecimal(quantity);
        f.orderQuantity = f.quantity;
        f.price = new BigDecimal(price);
        f.notional = f.quantity.multiply(f.price);
        f.fee = new BigDecimal(fee);
        f.realizedPnl = new BigDecimal(realized);
        f.reason = reason;
        return f;
    }

    static FundingPayment funding(long time, String symbol, String position, String mark,
            String rate, String payment) {
        FundingPayment p = new FundingPayment();
        p.reference = STRATEGY;
        p.market = Market.USDM;
        p.symbol = symbol;
        p.time = time;
        p.position = new BigDecimal(position);
        p.markPrice = new BigDecimal(mark);
        p.markPriceSource = FundingPayment.MARK_PRICE_OPEN;
        p.rate = new BigDecimal(rate);
        p.payment = new BigDecimal(payment);
        return p;
    }

    static TargetPosition target(long time, String symbol, double weight, String quantity,
            String price) {
        TargetPosition t = new TargetPosition();
        t.reference = STRATEGY;
        t.market = Market.USDM;
        t.symbol = symbol;
        t.time = time;
        t.weight = weight;
        t.quantity = new BigDecimal(quantity);
        t.price = new BigDecimal(price);
        return t;
    }

    /** A ledger row of {@link #STRATEGY}: the total row when {@code market} is null. */
    static LedgerEntry entry(long time, Market market, String symbol) {
        LedgerEntry e = new LedgerEntry();
        e.reference = STRATEGY;
        e.time = time;
        e.market = market;
        e.symbol = symbol;
        return e;
    }
}
