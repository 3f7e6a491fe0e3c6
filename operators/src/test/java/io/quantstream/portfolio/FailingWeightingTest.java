package io.quantstream.portfolio;

import static io.quantstream.portfolio.PortfolioConstructorTest.score;
import static io.quantstream.portfolio.PortfolioConstructorTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.TargetPosition;
import io.quantstream.portfolio.spi.RiskLimits;
import io.quantstream.portfolio.spi.TargetWeights;
import io.quantstream.testing.CountingHarness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

/**
 * A strategy weighting that throws or returns the wrong number of weights, in the portfolio
 * operator (Flink's keyed harness): no target for that cross-section, a dead letter with the
 * reason, the counter, and the next cross-section weighted as usual.
 */
class FailingWeightingTest {

    private static final long OPEN = 1_721_260_800_000L;

    @Test
    void aThrowingWeightingGivesNoTargetsForItsBarAndADeadLetterThenTheNextBarIsWeighted()
            throws Exception {
        StrategySpec spec = spec(new FailsOnNegativeFirst());
        try (CountingHarness<String, CrossSection, TargetPosition> h = harness(spec)) {
            CrossSection ok = section(OPEN, score("A", 1, "10"), score("B", -1, "20"));
            CrossSection bad = section(OPEN + 60_000, score("A", -1, "11"), score("B", 1, "21"));
            CrossSection again = section(OPEN + 120_000, score("A", 2, "12"), score("B", -2, "22"));
            for (CrossSection cs : List.of(ok, bad, again)) {
                h.harness.processElement(cs, cs.closeTime);
                h.harness.processWatermark(cs.closeTime);
            }
            List<TargetPosition> out = h.harness.extractOutputValues();
            // dollar-neutral halves of gross 1.0 at the first and third bar, nothing at the second
            assertThat(out).extracting(p -> p.time + " " + p.symbol + " " + p.weight).containsExactly(
                    ok.closeTime + " A 0.5", ok.closeTime + " B -0.5",
                    again.closeTime + " A 0.5", again.closeTime + " B -0.5");
            List<DeadLetter> letters = new ArrayList<>();
            h.harness.getSideOutput(DeadLetters.TAG).forEach(r -> letters.add(r.getValue()));
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.stage).isEqualTo("portfolio");
                assertThat(d.reason).isEqualTo("weighting-failed");
                assertThat(d.origin).isEqualTo("strategy reversal");
                assertThat(d.eventTime).isEqualTo(bad.closeTime);
                assertThat(d.detail).contains(FailsOnNegativeFirst.class.getName(),
                        "threw java.lang.IllegalStateException: first score -1.0",
                        "no targets at this bar");
            });
            assertThat(h.count("failedWeightings")).isEqualTo(1);
        }
    }

    @Test
    void aWeightTooFewIsAFailedWeightingNotACrash() throws Exception {
        try (CountingHarness<String, CrossSection, TargetPosition> h =
                harness(spec((instruments, scores, limits) -> new double[] {0.1}))) {
            CrossSection cs = section(OPEN, score("A", 1, "10"), score("B", -1, "20"));
            h.harness.processElement(cs, cs.closeTime);
            h.harness.processWatermark(cs.closeTime);
            assertThat(h.harness.extractOutputValues()).isEmpty();
            assertThat(h.harness.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().detail)
                            .contains("returned 1 weights for 2 instruments"));
            assertThat(h.count("failedWeightings")).isEqualTo(1);
        }
    }

    private static StrategySpec spec(TargetWeights weighting) {
        return new StrategySpec("reversal", "majors", "1m", 1.0, 0.5, new BigDecimal("100000"),
                weighting);
    }

    private static CountingHarness<String, CrossSection, TargetPosition> harness(StrategySpec spec)
            throws Exception {
        return CountingHarness.of(PortfolioStages.operator(spec), cs -> spec.name(), Types.STRING,
                null);
    }

    /** Dollar-neutral, but throws when the first instrument's score is negative. */
    static final class FailsOnNegativeFirst implements TargetWeights {
        @Override
        public double[] weights(String[] instruments, double[] scores, RiskLimits limits) {
            if (scores.length > 0 && scores[0] < 0) {
                throw new IllegalStateException("first score " + scores[0]);
            }
            return DollarNeutralStrategy.WEIGHTS.weights(instruments, scores, limits);
        }
    }
}
