package io.quantstream.execution;

import static io.quantstream.execution.Bars.bar;
import static io.quantstream.execution.Bars.close;
import static io.quantstream.execution.Bars.funding;
import static io.quantstream.execution.Bars.open;
import static io.quantstream.execution.Bars.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input goes to dead letters with its reason and a counter; the account carries on. */
class DeadLetterTest {

    private static final String A = "AAAUSDT";
    private static final String B = "BBBUSDT";

    @Test
    void everyKindOfBadInputIsADeadLetterAndTheGoodOnesStillFill() throws Exception {
        ExecutionSpec spec = Bars.spec("dl", "0", "0", A, B)
                .withCosts(Market.SPOT, MarketCosts.BINANCE_SPOT);
        spec = new ExecutionSpec(spec.strategy(), spec.interval(), 1.0, spec.initialEquity(), 0.02,
                spec.costs(), spec.lots(), List.of(new Instrument(Market.USDM, A),
                        new Instrument(Market.USDM, B), new Instrument(Market.SPOT, A)));
        Kline zeroClose = bar(B, 1, "50", "50");
        zeroClose.close = BigDecimal.ZERO;
        Kline fiveMinutes = bar(A, 0, "100", "100");
        fiveMinutes.interval = "5m";
        fiveMinutes.closeTime = fiveMinutes.openTime + 5 * 60_000 - 1;
        TargetPosition unknown = target("dl", "CCCUSDT", close(0), 0.2);
        TargetPosition notFinite = target("dl", A, close(1), Double.NaN);
        FundingRate spot = funding(A, open(1) + 1, "0.0001");
        spot.market = Market.SPOT;
        FundingRate noRate = funding(B, open(1) + 1, "0.0001");
        noRate.lastFundingRate = null;
        try (AccountHarness h = AccountHarness.streaming(spec)) {
            h.kline(bar(A, 0, "100", "100")).kline(bar(A, 0, "100", "101")) // twice
                    .kline(fiveMinutes)
                    .target(target("dl", A, close(0), 0.5))
                    .target(target("dl", A, close(0), 0.4)) // twice
                    .target(target("dl", B, close(0), -0.5)) // no close of BBB yet
                    .target(unknown)
                    .watermark(close(0))
                    .kline(bar(A, 0, "100", "100")) // late
                    .kline(bar(A, 1, "102", "102")).kline(zeroClose)
                    .funding(spot).funding(noRate)
                    .target(notFinite)
                    .target(target("dl", A, close(1), 0.1)) // waits for a bar that never comes
                    .end();

            assertThat(h.deadLetters()).extracting(d -> d.stage + "/" + d.reason).containsExactlyInAnyOrder(
                    "execution/duplicate", "execution/not-one-minute", "execution/duplicate",
                    "execution/no-price", "execution/unknown-instrument", "execution/late",
                    "execution/invalid-price", "execution/not-a-perpetual", "execution/invalid-rate",
                    "execution/invalid-weight", "execution/no-next-bar");
            assertThat(h.deadLetters()).allSatisfy(d -> assertThat(d.origin).isEqualTo("strategy dl"));
            DeadLetter late = h.deadLetters().stream().filter(d -> d.reason.equals("late")).findFirst().orElseThrow();
            assertThat(late.eventTime).isEqualTo(close(0));
            assertThat(h.count("rejectedEvents")).isEqualTo(11);
            assertThat(h.count("lateEvents")).isEqualTo(1);
            assertThat(h.count("unfilledTargets")).isEqualTo(1);
            // of two records of one instrument and time the first by content is kept: AAA's bar
            // closing at 100 (not 101) and its target of weight 0.4 (not 0.5), which fills at
            // minute 1's open: 0.4 × 10000 × 0.98 / 100 = 39.2
            assertThat(h.fills()).singleElement().satisfies(f -> {
                assertThat(f.symbol).isEqualTo(A);
                assertThat(f.quantity).isEqualByComparingTo("39.2");
                assertThat(f.price).isEqualByComparingTo("102");
            });
        }
    }
}
