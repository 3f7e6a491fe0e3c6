package io.quantstream.execution;

import static io.quantstream.execution.Bars.bar;
import static io.quantstream.execution.Bars.close;
import static io.quantstream.execution.Bars.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Fill;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gap cut with positions already held: only the orders that increase exposure are cut, by one
 * factor, so that gross exposure at the fill equals leverage × equity; an order that reduces
 * exposure fills in full. No costs, no cash buffer, so every quantity is exact.
 */
class GapCutTest {

    @Test
    void onlyTheIncreasesAreCutAndByOneFactor() throws Exception {
        ExecutionSpec spec = Bars.spec("gap", "0", "0", "AAAUSDT", "BBBUSDT", "CCCUSDT").withCashBuffer(0);
        try (AccountHarness h = AccountHarness.streaming(spec)) {
            for (int i = 0; i < 2; i++) {
                h.kline(bar("AAAUSDT", i, "100", "100")).kline(bar("BBBUSDT", i, "100", "100"))
                        .kline(bar("CCCUSDT", i, "100", "100"));
                if (i == 0) {
                    // 0.3 × 10000 / 100 = 30, −30, 10: gross 7000, filled at minute 1's opens, all 100
                    h.target(target("gap", "AAAUSDT", close(0), 0.3))
                            .target(target("gap", "BBBUSDT", close(0), -0.3))
                            .target(target("gap", "CCCUSDT", close(0), 0.1));
                }
            }
            // equity at close(1) = 10000 (no costs, prices unchanged): AAA 30 → 50 (increase),
            // BBB −30 → −10 (reduce), CCC 10 → −30 (through zero, an increase of 20)
            h.target(target("gap", "AAAUSDT", close(1), 0.5)).target(target("gap", "BBBUSDT", close(1), -0.1))
                    .target(target("gap", "CCCUSDT", close(1), -0.3))
                    .kline(bar("AAAUSDT", 2, "100", "100")).kline(bar("BBBUSDT", 2, "175", "175"))
                    .kline(bar("CCCUSDT", 2, "100", "100")).end();

            List<Fill> second = h.fills().subList(3, 6);
            // cash after the first fills: 10000 − 3000 + 3000 − 1000 = 9000
            // at minute 2's opens: equity = 9000 + 30 × 100 − 30 × 175 + 10 × 100 = 7750
            // gross after the orders = 50 × 100 + 10 × 175 + 30 × 100 = 9750 > 1.0 × 7750
            // increases: AAA (50 − 30) × 100 = 2000, CCC (30 − 10) × 100 = 2000, total 4000
            // room = 7750 − (9750 − 4000) = 2000, k = 2000 / 4000 = 0.5
            // AAA: 30 + 0.5 × 20 = 40 (buy 10); CCC: −(10 + 0.5 × 20) = −20 (sell 30); BBB buys 20
            // gross after: 40 × 100 + 10 × 175 + 20 × 100 = 7750 = leverage × equity
            assertThat(second).extracting(f -> f.symbol + " " + f.orderQuantity.stripTrailingZeros().toPlainString()
                    + " -> " + f.quantity.stripTrailingZeros().toPlainString() + " " + f.reason)
                    .containsExactly("AAAUSDT 20 -> 10 cut", "BBBUSDT 20 -> 20 rebalance",
                            "CCCUSDT -40 -> -30 cut");
            assertThat(second.get(0).detail).startsWith("increase cut to 0.5: gross 9750");
            assertThat(HandCheckedAccountingTest.total(h.ledger(), close(2)).grossExposure)
                    .isEqualByComparingTo("7750");
        }
    }
}
