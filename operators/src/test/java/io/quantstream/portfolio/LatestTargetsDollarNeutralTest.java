package io.quantstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.crosssection.CrossSectionAssembler;
import io.quantstream.crosssection.CrossSectionSpec;
import io.quantstream.model.CrossSection;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import io.quantstream.testing.Harnesses;
import io.quantstream.testing.Instruments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-section assembler → portfolio, one harness each: the latest target of every instrument
 * of the universe sums to 0 after every bar, whatever drops out of the scores.
 */
class LatestTargetsDollarNeutralTest {

    private static final long OPEN = 1_721_260_800_000L;
    private static final long MINUTE = 60_000;
    private static final List<String> UNIVERSE = List.of("A", "B", "C", "D", "E");
    private static final StrategySpec STRATEGY = new StrategySpec("reversal", "majors", "1m", 1.0,
            0.3, new BigDecimal("100000"));

    private KeyedOneInputStreamOperatorTestHarness<Long, FactorVector, CrossSection> sections;
    private KeyedOneInputStreamOperatorTestHarness<String, CrossSection, TargetPosition> portfolio;
    private int sectionsSeen;

    @BeforeEach
    void open() throws Exception {
        CrossSectionSpec spec =
                new CrossSectionSpec("majors", Instruments.on(Market.USDM, UNIVERSE), "1m",
                        Map.of("mom", 1.0));
        sections = Harnesses.keyed(new CrossSectionAssembler(spec), v -> v.openTime, Types.LONG);
        portfolio = Harnesses.keyed(PortfolioStages.operator(STRATEGY), cs -> STRATEGY.name(),
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        sections.close();
        portfolio.close();
    }

    @Test
    void aSymbolWithANonFiniteFactorGetsAZeroTargetAtItsClose() throws Exception {
        bar(0, vector("A", 0, 2, "10"), vector("B", 0, 2, "20"), vector("C", 0, -2, "30"),
                vector("D", 0, -2, "40"), vector("E", 0, 0, "50"));
        // A's factor is NaN (e.g. taker_buy_ratio on an empty bar): A is present but not scored
        List<TargetPosition> bar1 = bar(1, vector("A", 1, Double.NaN, "11"),
                vector("B", 1, 1, "21"), vector("C", 1, 0, "31"), vector("D", 1, -1, "41"),
                vector("E", 1, 0, "51"));

        // B, C, D, E: 1, 0, −1, 0 → B long 0.5 capped at 0.3, D short −0.3
        assertThat(bar1).extracting(p -> p.symbol + " " + p.weight)
                .containsExactly("A 0.0", "B 0.3", "C 0.0", "D -0.3", "E 0.0");
        assertThat(bar1).extracting(p -> p.reason)
                .containsExactly(TargetPosition.FACTOR_NOT_FINITE, null, null, null, null);
        assertThat(bar1.get(0).quantity).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(bar1.get(0).price).as("A's close of this bar").isEqualByComparingTo("11");
        assertThat(PortfolioConstructorTest.latestWeightSum(portfolio.extractOutputValues()))
                .isCloseTo(0, within(1e-15));
    }

    @Test
    void latestTargetsPerInstrumentSumToZeroAfterEveryBar() throws Exception {
        Random random = new Random(7);
        int barsWithMissing = 0;
        int barsWithNonFinite = 0;
        for (int i = 0; i < 60; i++) {
            List<FactorVector> vectors = new ArrayList<>();
            for (String symbol : UNIVERSE) {
                double r = random.nextDouble();
                if (r >= 0.15) {
                    double mom = r < 0.3 ? Double.NaN : random.nextGaussian();
                    vectors.add(vector(symbol, i, mom, Integer.toString(100 + i)));
                }
            }
            barsWithMissing += vectors.size() < UNIVERSE.size() ? 1 : 0;
            barsWithNonFinite += vectors.stream().anyMatch(v -> Double.isNaN(v.values[0])) ? 1 : 0;

            List<TargetPosition> targets = bar(i, vectors.toArray(new FactorVector[0]));

            if (!vectors.isEmpty()) {
                assertThat(targets).as("bar %d: one target per instrument", i)
                        .extracting(p -> p.symbol).containsExactlyElementsOf(UNIVERSE);
                assertThat(targets).filteredOn(p -> p.reason != null).allSatisfy(p -> {
                    assertThat(p.reason).isIn(TargetPosition.NOT_REPORTED,
                            TargetPosition.FACTOR_NOT_FINITE);
                    assertThat(p.weight).isZero();
                    assertThat(p.quantity).isEqualByComparingTo(BigDecimal.ZERO);
                });
            }
            assertThat(PortfolioConstructorTest.latestWeightSum(portfolio.extractOutputValues()))
                    .as("bar %d", i).isCloseTo(0, within(1e-12));
        }
        assertThat(barsWithMissing).as("bars with a missing instrument").isGreaterThan(5);
        assertThat(barsWithNonFinite).as("bars with a non-finite factor").isGreaterThan(5);
    }

    /** Feeds one bar's vectors through both stages; returns the targets of that bar. */
    private List<TargetPosition> bar(int index, FactorVector... vectors) throws Exception {
        long close = OPEN + index * MINUTE + MINUTE - 1;
        for (FactorVector v : vectors) {
            sections.processElement(v, close);
        }
        sections.processWatermark(close);
        List<CrossSection> all = sections.extractOutputValues();
        for (CrossSection cs : all.subList(sectionsSeen, all.size())) {
            portfolio.processElement(cs, cs.closeTime);
        }
        sectionsSeen = all.size();
        portfolio.processWatermark(close);
        return portfolio.extractOutputValues().stream().filter(p -> p.time == close).toList();
    }

    private static FactorVector vector(String symbol, int index, double mom, String close) {
        FactorVector v = new FactorVector();
        v.symbol = symbol;
        v.market = Market.USDM;
        v.interval = "1m";
        v.openTime = OPEN + index * MINUTE;
        v.closeTime = v.openTime + MINUTE - 1;
        v.close = new BigDecimal(close);
        v.names = new String[] {"mom"};
        v.values = new double[] {mom};
        return v;
    }
}
