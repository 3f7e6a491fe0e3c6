package io.quantstream.execution;

import static io.quantstream.execution.Bars.bar;
import static io.quantstream.execution.Bars.close;
import static io.quantstream.execution.Bars.funding;
import static io.quantstream.execution.Bars.markPrice;
import static io.quantstream.execution.Bars.open;
import static io.quantstream.execution.Bars.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.Instrument;
import io.quantstream.model.LedgerEntry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A three-bar scenario on two USD-M instruments where every number is worked out by hand below:
 * a gap at the open that cuts both opening orders, slippage and fees on every fill, a funding
 * payment each way, a fill rounded to a step size that realizes a loss, an order skipped below
 * its minimum notional, and the ledger at each bar. Expected values are literals and their
 * arithmetic, never output of the code under test.
 *
 * <p>Setup: equity 10000 USDT, cash buffer 2 %, gross leverage 1.0, slippage 10 bps (0.001), taker
 * fee 5 bps (0.0005); AAA step 1; BBB step 0.1 and minimum notional 100.
 *
 * <pre>
 * minute  AAA open/close  BBB open/close  events after the close
 *   0        98 /  98        49 /  49     targets AAA +0.5, BBB −0.5
 *   1       130 / 125        60 /  62     funding at open + 3 ms: AAA 0.0001, BBB 0.0002; targets AAA +0.25, BBB −0.52
 *   2       120 / 121        63 /  64     —
 * </pre>
 */
class HandCheckedAccountingTest {

    private static final String A = "AAAUSDT";
    private static final String B = "BBBUSDT";

    @Test
    void everyFillFeeFundingPaymentAndTheFinalEquityAreAsComputedByHand() throws Exception {
        ExecutionSpec spec = Bars.spec("hand", "10", "5", A, B)
                .withLot(Instrument.parse("usdm:" + A), new LotRule(d("1"), null))
                .withLot(Instrument.parse("usdm:" + B), new LotRule(d("0.1"), d("100")));
        try (AccountHarness h = AccountHarness.streaming(spec)) {
            h.kline(bar(A, 0, "98", "98")).kline(bar(B, 0, "49", "49"))
                    .target(target("hand", A, close(0), 0.5)).target(target("hand", B, close(0), -0.5))
                    .kline(bar(A, 1, "130", "125")).kline(bar(B, 1, "60", "62"))
                    .funding(funding(A, open(1) + 3, "0.0001")).funding(funding(B, open(1) + 3, "0.0002"))
                    .target(target("hand", A, close(1), 0.25)).target(target("hand", B, close(1), -0.52))
                    .kline(bar(A, 2, "120", "121")).kline(bar(B, 2, "63", "64"))
                    .end();

            List<Fill> fills = h.fills();
            assertThat(fills).hasSize(4);
            // Rebalance at close(0), equity 10000 (cash, nothing held):
            //   AAA target 0.5 × 10000 × 0.98 / 98 = 50, BBB −0.5 × 10000 × 0.98 / 49 = −100.
            // Minute 1 opens with a gap: gross after = 50 × 130 + 100 × 60 = 12500 > 1.0 × 10000;
            //   both orders open positions, so k = 10000 / 12500 = 0.8: AAA 40, BBB −80.
            // AAA buys 40 at 130 × 1.001 = 130.13, fee 40 × 130.13 × 0.0005 = 2.6026.
            // BBB sells 80 at 60 × 0.999 = 59.94, fee 80 × 59.94 × 0.0005 = 2.3976.
            assertFill(fills.get(0), A, close(0), open(1), "50", "40", "130.13", "2.6026", "0", Fill.CUT);
            assertFill(fills.get(1), B, close(0), open(1), "-100", "-80", "59.94", "2.3976", "0", Fill.CUT);
            assertThat(d("40").multiply(d("130")).multiply(d("1.001")).multiply(d("0.0005")))
                    .isEqualByComparingTo(fills.get(0).fee);

            // Funding 3 ms after minute 1 opened, on the positions just filled, at the last close
            // at or before it (minute 0's): AAA −40 × 98 × 0.0001 = −0.392 (the long pays),
            // BBB −(−80) × 49 × 0.0002 = +0.784 (the short receives).
            List<FundingPayment> funding = h.funding();
            assertThat(funding).hasSize(2);
            assertFunding(funding.get(0), A, "40", "98", "0.0001", "-0.392");
            assertFunding(funding.get(1), B, "-80", "49", "0.0002", "0.784");
            assertThat(funding).allMatch(p -> FundingPayment.LAST_CLOSE.equals(p.markPriceSource));

            // Cash after minute 1: 10000 − 40 × 130.13 + 80 × 59.94 − 2.6026 − 2.3976 − 0.392 + 0.784
            //   = 10000 − 5205.2 + 4795.2 − 5.0002 + 0.392 = 9585.3918
            // Equity at close(1): 9585.3918 + 40 × 125 − 80 × 62 = 9625.3918.
            BigDecimal cash1 = d("10000").subtract(d("5205.2")).add(d("4795.2"))
                    .subtract(d("2.6026")).subtract(d("2.3976")).subtract(d("0.392")).add(d("0.784"));
            assertThat(cash1).isEqualByComparingTo("9585.3918");
            LedgerEntry total1 = total(h.ledger(), close(1));
            assertThat(total1.cash).isEqualByComparingTo("9585.3918");
            assertThat(total1.equity).isEqualByComparingTo("9625.3918");
            // drawdown from the initial 10000: (10000 − 9625.3918) / 10000
            assertThat(total1.drawdown).isEqualByComparingTo("0.03746082");

            // Rebalance at close(1) on equity 9625.3918:
            //   AAA 0.25 × 9625.3918 × 0.98 / 125 = 18.865767928 → 18.86576792 (toward zero);
            //   order 18.86576792 − 40 = −21.13423208, step 1 → −21, sold at 120 × 0.999 = 119.88,
            //   fee 21 × 119.88 × 0.0005 = 1.25874, realized 21 × (119.88 − 130.13) = −215.25.
            //   BBB −0.52 × 9625.3918 × 0.98 / 62 = −79.114510665… → −79.11451066; order +0.88548934,
            //   step 0.1 → 0.8, at 63 × 1.001 = 63.063: notional 50.4504 < 100, skipped.
            // No order increases exposure, so nothing is cut.
            assertFill(fills.get(2), A, close(1), open(2), "-21.13423208", "-21", "119.88", "1.25874",
                    "-215.25", Fill.REBALANCE);
            assertFill(fills.get(3), B, close(1), open(2), "0.88548934", "0", "63.063", "0", "0",
                    Fill.SKIPPED);
            assertThat(fills.get(3).detail).isEqualTo("notional 50.4504 below minimum 100");

            // Final cash: 9585.3918 + 21 × 119.88 − 1.25874 = 12101.61306
            // Final equity: 12101.61306 + 19 × 121 − 80 × 64 = 9280.61306, which is also
            //   10000 + realized (−215.25) + unrealized (19 × (121 − 130.13) − 80 × (64 − 59.94)
            //   = −173.47 − 324.8) − fees (2.6026 + 2.3976 + 1.25874 = 6.25894) + funding 0.392.
            BigDecimal cash2 = d("9585.3918").add(d("21").multiply(d("119.88"))).subtract(d("1.25874"));
            BigDecimal equity2 = cash2.add(d("19").multiply(d("121"))).subtract(d("80").multiply(d("64")));
            assertThat(equity2).isEqualByComparingTo("9280.61306")
                    .isEqualByComparingTo(d("10000").add(d("-215.25")).add(d("-173.47")).add(d("-324.8"))
                            .subtract(d("6.25894")).add(d("0.392")));
            List<LedgerEntry> last = at(h.ledger(), close(2));
            assertThat(last).hasSize(3);
            assertRow(last.get(0), A, "19", "130.13", "121", "-215.25", "-173.47", "3.86134", "-0.392");
            assertRow(last.get(1), B, "-80", "59.94", "64", "0", "-324.8", "2.3976", "0.784");
            LedgerEntry total2 = last.get(2);
            assertThat(total2.isTotal()).isTrue();
            assertThat(total2.cash).isEqualByComparingTo(cash2);
            assertThat(total2.equity).isEqualByComparingTo(equity2);
            assertThat(total2.realizedPnl).isEqualByComparingTo("-215.25");
            assertThat(total2.unrealizedPnl).isEqualByComparingTo("-498.27");
            assertThat(total2.fees).isEqualByComparingTo("6.25894");
            assertThat(total2.funding).isEqualByComparingTo("0.392");
            // gross 19 × 121 + 80 × 64 = 2299 + 5120, net 2299 − 5120
            assertThat(total2.grossExposure).isEqualByComparingTo("7419");
            assertThat(total2.netExposure).isEqualByComparingTo("-2821");
            assertThat(total2.drawdown).isEqualByComparingTo("0.071938694");

            assertThat(total(h.ledger(), close(0)).equity).isEqualByComparingTo("10000");
            assertThat(h.deadLetters()).isEmpty();
            assertThat(h.count("cutOrders")).isEqualTo(2);
            assertThat(h.count("skippedOrders")).isEqualTo(1);
            assertThat(h.count("fills")).isEqualTo(4);
        }
    }

    /**
     * The funding minute has a mark-price bar for AAA (open 99.5, unlike the last close 98) and
     * none for BBB; BBB's mark-price bar of minute 0, a minute without funding, is not used.
     * Equity 10000, slippage 10 bps, fee 5 bps, no lot rules.
     *
     * <pre>
     * minute  AAA open/close  AAA mark open/close  BBB open/close  BBB mark open/close
     *   0        98 /  98          —                  49 / 49         55 / 56
     *   1       100 / 101        99.5 / 100.7         50 / 50          —
     * </pre>
     */
    @Test
    void fundingIsPaidAtTheMarkPriceOpenOfTheFundingMinuteAndAtTheLastCloseWithoutOne()
            throws Exception {
        try (AccountHarness h = AccountHarness.streaming(Bars.spec("hand", "10", "5", A, B))) {
            h.kline(bar(A, 0, "98", "98")).kline(bar(B, 0, "49", "49"))
                    .markPrice(markPrice(B, 0, "55", "56"))
                    .target(target("hand", A, close(0), 0.5)).target(target("hand", B, close(0), -0.4))
                    .kline(bar(A, 1, "100", "101")).kline(bar(B, 1, "50", "50"))
                    .markPrice(markPrice(A, 1, "99.5", "100.7"))
                    .funding(funding(A, open(1) + 3, "0.0001")).funding(funding(B, open(1) + 3, "0.0002"))
                    .end();

            // AAA 0.5 × 10000 × 0.98 / 98 = 50 bought at 100 × 1.001 = 100.1, fee 50 × 100.1 × 0.0005
            //   = 2.5025; BBB −0.4 × 10000 × 0.98 / 49 = −80 sold at 50 × 0.999 = 49.95, fee
            //   80 × 49.95 × 0.0005 = 1.998; gross 5000 + 4000 ≤ 10000: no cut.
            List<Fill> fills = h.fills();
            assertFill(fills.get(0), A, close(0), open(1), "50", "50", "100.1", "2.5025", "0", Fill.REBALANCE);
            assertFill(fills.get(1), B, close(0), open(1), "-80", "-80", "49.95", "1.998", "0", Fill.REBALANCE);

            // AAA at its mark price, the funding minute's mark open: −50 × 99.5 × 0.0001 = −0.4975
            //   (at the last close it would be −50 × 98 × 0.0001 = −0.49);
            // BBB has no mark-price bar then: the last close, minute 0's: −(−80) × 49 × 0.0002 = 0.784.
            List<FundingPayment> funding = h.funding();
            assertThat(funding).hasSize(2);
            assertFunding(funding.get(0), A, "50", "99.5", "0.0001", "-0.4975");
            assertThat(funding.get(0).markPriceSource).isEqualTo(FundingPayment.MARK_PRICE_OPEN);
            assertFunding(funding.get(1), B, "-80", "49", "0.0002", "0.784");
            assertThat(funding.get(1).markPriceSource).isEqualTo(FundingPayment.LAST_CLOSE);

            // cash 10000 − 50 × 100.1 + 80 × 49.95 − 2.5025 − 1.998 − 0.4975 + 0.784 = 8986.786;
            // equity at close(1): 8986.786 + 50 × 101 − 80 × 50 = 10036.786
            LedgerEntry total = total(h.ledger(), close(1));
            assertThat(total.cash).isEqualByComparingTo(d("10000").subtract(d("5005")).add(d("3996"))
                    .subtract(d("2.5025")).subtract(d("1.998")).subtract(d("0.4975")).add(d("0.784")));
            assertThat(total.cash).isEqualByComparingTo("8986.786");
            assertThat(total.equity).isEqualByComparingTo("10036.786");
            assertThat(total.funding).isEqualByComparingTo("0.2865");
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    private static void assertFill(Fill f, String symbol, long signal, long time, String asked,
            String quantity, String price, String fee, String realized, String reason) {
        assertThat(f.reference).isEqualTo("hand");
        assertThat(f.symbol).isEqualTo(symbol);
        assertThat(f.signalTime).isEqualTo(signal);
        assertThat(f.time).isEqualTo(time);
        assertThat(f.orderQuantity).isEqualByComparingTo(asked);
        assertThat(f.quantity).isEqualByComparingTo(quantity);
        assertThat(f.price).isEqualByComparingTo(price);
        assertThat(f.notional).isEqualByComparingTo(d(quantity).multiply(d(price)));
        assertThat(f.fee).isEqualByComparingTo(fee);
        assertThat(f.realizedPnl).isEqualByComparingTo(realized);
        assertThat(f.reason).isEqualTo(reason);
    }

    private static void assertFunding(FundingPayment p, String symbol, String position, String mark,
            String rate, String payment) {
        assertThat(p.reference).isEqualTo("hand");
        assertThat(p.symbol).isEqualTo(symbol);
        assertThat(p.time).isEqualTo(open(1) + 3);
        assertThat(p.position).isEqualByComparingTo(position);
        assertThat(p.markPrice).isEqualByComparingTo(mark);
        assertThat(p.rate).isEqualByComparingTo(rate);
        assertThat(p.payment).isEqualByComparingTo(payment);
    }

    private static void assertRow(LedgerEntry e, String symbol, String position, String average,
            String close, String realized, String unrealized, String fees, String funding) {
        assertThat(e.symbol).isEqualTo(symbol);
        assertThat(e.position).isEqualByComparingTo(position);
        assertThat(e.averageEntryPrice).isEqualByComparingTo(average);
        assertThat(e.close).isEqualByComparingTo(close);
        assertThat(e.realizedPnl).isEqualByComparingTo(realized);
        assertThat(e.unrealizedPnl).isEqualByComparingTo(unrealized);
        assertThat(e.fees).isEqualByComparingTo(fees);
        assertThat(e.funding).isEqualByComparingTo(funding);
    }

    static List<LedgerEntry> at(List<LedgerEntry> ledger, long time) {
        return ledger.stream().filter(e -> e.time == time).toList();
    }

    static LedgerEntry total(List<LedgerEntry> ledger, long time) {
        return at(ledger, time).stream().filter(LedgerEntry::isTotal).findFirst().orElseThrow();
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
