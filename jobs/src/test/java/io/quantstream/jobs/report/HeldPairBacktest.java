package io.quantstream.jobs.report;

import io.quantstream.model.Fill;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import io.quantstream.testing.RealKlines;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of an hourly backtest over the real 2026-02 USD-M 1m klines: long LINKUSDT and
 * short DOTUSDT for half of 10,000 USDT each from the first open, both halved at the open of
 * day 15, 5 bps fees; the ledger at every hour's close. Booked here by hand (a path apart from
 * the ledger stage), so that the report page shows a month of real prices.
 */
final class HeldPairBacktest {

    private static final BigDecimal EQUITY = new BigDecimal("10000");
    private static final BigDecimal FEE = new BigDecimal("0.0005");
    private static final long HOUR = 3_600_000L;
    private static final int HALVING_MINUTE = 14 * 1440;

    private HeldPairBacktest() {}

    static ReportInput input() throws IOException {
        Leg link = new Leg("LINKUSDT", RealKlines.february2026("LINKUSDT"), 1);
        Leg dot = new Leg("DOTUSDT", RealKlines.february2026("DOTUSDT"), -1);
        List<LedgerEntry> ledger = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        List<TargetPosition> targets = new ArrayList<>();
        BigDecimal cash = EQUITY;
        BigDecimal peak = EQUITY;
        for (int i = 0; i < link.bars.size(); i++) {
            for (Leg leg : List.of(link, dot)) {
                Kline bar = leg.bars.get(i);
                BigDecimal quantity = i == 0
                        ? EQUITY.divide(BigDecimal.valueOf(2L * leg.side))
                                .divide(bar.open, 8, RoundingMode.DOWN)
                        : i == HALVING_MINUTE ? leg.position.divide(BigDecimal.valueOf(2)).negate()
                        : null;
                if (quantity != null) {
                    Fill f = leg.fill(bar, quantity);
                    fills.add(f);
                    targets.add(BacktestRecords.target(f.signalTime, leg.symbol,
                            (i == 0 ? 0.5 : 0.25) * leg.side,
                            leg.position.toPlainString(), bar.open.toPlainString()));
                    cash = cash.subtract(f.notional).subtract(f.fee);
                }
            }
            long close = link.bars.get(i).closeTime;
            if ((close + 1) % HOUR != 0) {
                continue;
            }
            LedgerEntry total = BacktestRecords.entry(close, null, null);
            total.cash = cash;
            total.realizedPnl = total.unrealizedPnl = total.fees = BigDecimal.ZERO;
            total.grossExposure = total.netExposure = BigDecimal.ZERO;
            for (Leg leg : List.of(link, dot)) {
                LedgerEntry r = leg.row(i);
                ledger.add(r);
                total.realizedPnl = total.realizedPnl.add(r.realizedPnl);
                total.unrealizedPnl = total.unrealizedPnl.add(r.unrealizedPnl);
                total.fees = total.fees.add(r.fees);
                total.grossExposure = total.grossExposure.add(r.grossExposure);
                total.netExposure = total.netExposure.add(r.netExposure);
            }
            total.funding = BigDecimal.ZERO;
            total.equity = cash.add(total.netExposure);
            peak = peak.max(total.equity);
            total.drawdown = peak.subtract(total.equity).divide(peak, MathContext.DECIMAL64);
            ledger.add(total);
        }
        return new ReportInput(BacktestRecords.STRATEGY, Interval.parse("1h"), EQUITY, ledger,
                fills, List.of(), targets);
    }

    /** One instrument's position, filled at bar opens without slippage. */
    private static final class Leg {
        final String symbol;
        final List<Kline> bars;
        final int side;
        BigDecimal position = BigDecimal.ZERO;
        BigDecimal entry;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;

        Leg(String symbol, List<Kline> bars, int side) {
            this.symbol = symbol;
            this.bars = bars;
            this.side = side;
        }

        Fill fill(Kline bar, BigDecimal quantity) {
            Fill f = new Fill();
            f.reference = BacktestRecords.STRATEGY;
            f.market = Market.USDM;
            f.symbol = symbol;
            f.signalTime = bar.openTime - 1;
            f.time = bar.openTime;
            f.orderQuantity = f.quantity = quantity;
            f.price = bar.open;
            f.notional = quantity.multiply(bar.open);
            f.fee = f.notional.abs().multiply(FEE);
            f.reason = Fill.REBALANCE;
            // opening: the entry is this open; halving: realize half the position against it
            f.realizedPnl = entry == null ? BigDecimal.ZERO
                    : quantity.negate().multiply(bar.open.subtract(entry));
            entry = entry == null ? bar.open : entry;
            position = position.add(quantity);
            realized = realized.add(f.realizedPnl);
            fees = fees.add(f.fee);
            return f;
        }

        LedgerEntry row(int minute) {
            Kline bar = bars.get(minute);
            LedgerEntry r = BacktestRecords.entry(bar.closeTime, Market.USDM, symbol);
            r.position = position;
            r.averageEntryPrice = entry;
            r.close = bar.close;
            r.realizedPnl = realized;
            r.unrealizedPnl = position.multiply(bar.close.subtract(entry));
            r.fees = fees;
            r.funding = BigDecimal.ZERO;
            r.netExposure = position.multiply(bar.close);
            r.grossExposure = r.netExposure.abs();
            return r;
        }
    }
}
