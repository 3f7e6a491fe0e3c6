package io.quantstream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accounting rules, one at a time, with hand-computed figures. */
class LedgerTest {

    @Test
    void addingMovesTheAverageAndReducingRealizesAgainstIt() {
        Ledger ledger = Ledger.open(Ledger.start(d("1000")));
        ledger.mark(Market.USDM, "AAAUSDT", d("10"), 59_999);
        Holding h = ledger.holding("USDM:AAAUSDT");
        assertThat(ledger.trade(h, d("3"), d("10"), d("0.01"))).isEqualByComparingTo("0");
        assertThat(ledger.trade(h, d("1"), d("14"), d("0.02"))).isEqualByComparingTo("0");
        // (3 × 10 + 1 × 14) / 4 = 11
        assertThat(h.averageEntryPrice).isEqualByComparingTo("11");
        // sell 2 at 12: 2 × (12 − 11) = 2 realized, the average stays
        assertThat(ledger.trade(h, d("-2"), d("12"), d("0.03"))).isEqualByComparingTo("2");
        assertThat(h.averageEntryPrice).isEqualByComparingTo("11");
        assertThat(h.position).isEqualByComparingTo("2");
        // cash 1000 − 30 − 14 + 24 − 0.06
        assertThat(ledger.cash()).isEqualByComparingTo("979.94");
        assertThat(h.fees).isEqualByComparingTo("0.06");
    }

    @Test
    void aFillThroughZeroRealizesTheOldSideAndOpensTheRestAtItsPrice() {
        Ledger ledger = Ledger.open(Ledger.start(d("1000")));
        ledger.mark(Market.USDM, "AAAUSDT", d("10"), 59_999);
        Holding h = ledger.holding("USDM:AAAUSDT");
        ledger.trade(h, d("-5"), d("10"), BigDecimal.ZERO);
        // buy 8 at 9: the short of 5 realizes −5 × (9 − 10) = 5, a long of 3 opens at 9
        assertThat(ledger.trade(h, d("8"), d("9"), BigDecimal.ZERO)).isEqualByComparingTo("5");
        assertThat(h.position).isEqualByComparingTo("3");
        assertThat(h.averageEntryPrice).isEqualByComparingTo("9");
        // flat again: no average
        ledger.trade(h, d("-3"), d("9.5"), BigDecimal.ZERO);
        assertThat(h.position.signum()).isZero();
        assertThat(h.averageEntryPrice).isNull();
        assertThat(h.realizedPnl).isEqualByComparingTo("6.5"); // 5 + 3 × 0.5
    }

    @Test
    void fundingIsPaidByLongsWhenTheRateIsPositiveAndByShortsWhenNegative() {
        Ledger ledger = Ledger.open(Ledger.start(d("1000")));
        ledger.mark(Market.USDM, "AAAUSDT", d("20"), 59_999);
        Holding h = ledger.holding("USDM:AAAUSDT");
        ledger.trade(h, d("-10"), d("20"), BigDecimal.ZERO);
        // short 10 × 20 × −0.0003: −(−10) × 20 × (−0.0003) = −0.06, the short pays
        FundingPayment p = ledger.fund(h, "s", 5, d("20"), FundingPayment.LAST_CLOSE, d("-0.0003"));
        assertThat(p.payment).isEqualByComparingTo("-0.06");
        assertThat(ledger.cash()).isEqualByComparingTo("1199.94");
    }

    @Test
    void theReportListsTradedInstrumentsThenTheTotalAndTracksTheDrawdownFromThePeak() {
        Ledger ledger = Ledger.open(Ledger.start(d("1000")));
        ledger.mark(Market.USDM, "AAAUSDT", d("10"), 59_999);
        ledger.mark(Market.USDM, "BBBUSDT", d("5"), 59_999);
        ledger.trade(ledger.holding("USDM:AAAUSDT"), d("10"), d("10"), BigDecimal.ZERO);
        ledger.mark(Market.USDM, "AAAUSDT", d("30"), 119_999);
        assertThat(ledger.report("s", 119_999)).last().satisfies(t -> {
            assertThat(t.equity).isEqualByComparingTo("1200"); // 900 + 10 × 30
            assertThat(t.drawdown).isEqualByComparingTo("0");
        });
        ledger.mark(Market.USDM, "AAAUSDT", d("18"), 179_999);
        List<LedgerEntry> rows = ledger.report("s", 179_999);
        assertThat(rows).extracting(e -> e.symbol).containsExactly("AAAUSDT", null);
        // equity 900 + 180 = 1080, (1200 − 1080) / 1200 = 0.1
        assertThat(rows.get(1).drawdown).isEqualByComparingTo("0.1");
        assertThat(rows.get(0).unrealizedPnl).isEqualByComparingTo("80"); // 10 × (18 − 10)
        assertThat(Ledger.open(ledger.state()).report("s", 179_999).get(1).drawdown)
                .isEqualByComparingTo("0.1");
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
