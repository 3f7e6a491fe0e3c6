package io.quantstream.crosssection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.testing.CountingHarness;
import io.quantstream.testing.Harnesses;
import io.quantstream.testing.Instruments;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CrossSectionAssemblerTest {

    private static final long OPEN = 1_721_260_800_000L;
    private static final long CLOSE = OPEN + 59_999;
    private static final Map<String, Double> WEIGHTS = Map.of("mom", 1.0, "rev", -0.5);

    private KeyedOneInputStreamOperatorTestHarness<Long, FactorVector, CrossSection> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void emitsAsSoonAsEverySymbolReportedWithHandComputedScores() throws Exception {
        open(Duration.ZERO);
        harness.processElement(vector("C", OPEN, 3, 40), CLOSE);
        harness.processElement(vector("A", OPEN, 1, 10), CLOSE);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processElement(vector("B", OPEN, 2, 10), CLOSE);

        List<StreamRecord<? extends CrossSection>> out = harness.extractOutputStreamRecords();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getTimestamp()).isEqualTo(CLOSE);
        CrossSection cs = out.get(0).getValue();
        assertThat(cs.universe).isEqualTo("majors");
        assertThat(cs.interval).isEqualTo("1m");
        assertThat(cs.openTime).isEqualTo(OPEN);
        assertThat(cs.closeTime).isEqualTo(CLOSE);
        assertThat(cs.complete).isTrue();
        assertThat(cs.missing).isEmpty();
        assertThat(cs.unscored).isEmpty();
        // mom 1, 2, 3: mean 2, population stdev √(2/3) → z = −√1.5, 0, √1.5
        // rev 10, 10, 40: mean 20, population stdev √200 → z = −1/√2, −1/√2, √2
        assertThat(cs.scores).extracting(s -> s.symbol).containsExactly("A", "B", "C");
        assertThat(cs.scores[0].score).isCloseTo(-Math.sqrt(1.5) + 0.5 / Math.sqrt(2), within(1e-12));
        assertThat(cs.scores[1].score).isCloseTo(0.5 / Math.sqrt(2), within(1e-12));
        assertThat(cs.scores[2].score).isCloseTo(Math.sqrt(1.5) - 0.5 * Math.sqrt(2), within(1e-12));
        assertThat(cs.scores[2].close).isEqualByComparingTo("67");

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(CLOSE);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void watermarkEmitsAnIncompleteBarWithTheMissingSymbols() throws Exception {
        open(Duration.ZERO);
        harness.processElement(vector("A", OPEN, 1, 10), CLOSE);
        harness.processElement(vector("C", OPEN, 3, 40), CLOSE);
        harness.processWatermark(CLOSE - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(CLOSE);

        List<StreamRecord<? extends CrossSection>> out = harness.extractOutputStreamRecords();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getTimestamp()).isEqualTo(CLOSE);
        CrossSection cs = out.get(0).getValue();
        assertThat(cs.complete).isFalse();
        assertThat(cs.missing).containsExactly("USDM:B");
        assertThat(cs.unscored).isEmpty();
        assertThat(cs.scores).extracting(s -> s.symbol).containsExactly("A", "C");
        // two values per factor: z = ∓1 each → A = −1 − 0.5·(−1), C = 1 − 0.5·1
        assertThat(cs.scores).extracting(s -> s.score).containsExactly(-0.5, 0.5);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void maxWaitDelaysTheIncompleteBarButKeepsTheCloseTimeAsTimestamp() throws Exception {
        open(Duration.ofSeconds(5));
        harness.processElement(vector("A", OPEN, 1, 10), CLOSE);
        harness.processWatermark(CLOSE + 4_999);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processElement(vector("B", OPEN, 2, 10), CLOSE);

        harness.processWatermark(CLOSE + 5_000);

        List<StreamRecord<? extends CrossSection>> out = harness.extractOutputStreamRecords();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getTimestamp()).isEqualTo(CLOSE);
        assertThat(out.get(0).getValue().closeTime).isEqualTo(CLOSE);
        assertThat(out.get(0).getValue().missing).containsExactly("USDM:C");
        // the watermark lags by maxWait: the bar leaves before any watermark reaches its close
        assertThat(harness.getOutput()).containsExactly(new Watermark(CLOSE - 1),
                new StreamRecord<>(out.get(0).getValue(), CLOSE), new Watermark(CLOSE));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void vectorsForAnEmittedBarAreLateNotASecondEmission() throws Exception {
        open(Duration.ZERO);
        for (String symbol : List.of("A", "B", "C")) {
            harness.processElement(vector(symbol, OPEN, 1, 1), CLOSE);
        }
        harness.processElement(vector("A", OPEN, 2, 2), CLOSE);
        harness.processWatermark(CLOSE);
        harness.processElement(vector("B", OPEN, 2, 2), CLOSE);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                .extracting(d -> d.stage + "/" + d.reason + "/" + d.eventTime)
                .containsExactly("cross-section/late/" + CLOSE, "cross-section/late/" + CLOSE);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void symbolsWithANonFiniteFactorAreUnscoredWithTheReasonAndTheirClose() throws Exception {
        open(Duration.ZERO);
        harness.processElement(vector("A", OPEN, 1, 10), CLOSE);
        harness.processElement(vector("B", OPEN, Double.NaN, 20), CLOSE);
        harness.processElement(vector("C", OPEN, 3, 30), CLOSE);

        CrossSection cs = harness.extractOutputValues().get(0);
        assertThat(cs.complete).isTrue();
        assertThat(cs.missing).isEmpty();
        // mom over A, C only: z = ∓1; rev over all three: z = −√1.5, 0, √1.5
        assertThat(cs.scores).extracting(s -> s.symbol).containsExactly("A", "C");
        assertThat(cs.scores[0].score).isCloseTo(-1 + 0.5 * Math.sqrt(1.5), within(1e-12));
        assertThat(cs.scores[1].score).isCloseTo(1 - 0.5 * Math.sqrt(1.5), within(1e-12));
        assertThat(cs.unscored).extracting(u -> u.symbol + " " + u.reason + " " + u.close)
                .containsExactly("B factor-not-finite 66");
    }

    /**
     * An instrument whose weighted factor is still warming up is left out of the z-scores and
     * reported as {@code factor-not-warm} (counted); one whose warm factor is undefined stays
     * {@code factor-not-finite}; a factor warming up that is not weighted does not matter.
     */
    @Test
    void instrumentsWithAWeightedFactorWarmingUpAreUnscoredAsNotWarmAndCounted() throws Exception {
        CrossSectionSpec spec = new CrossSectionSpec("majors", Instruments.usdm("A", "B", "C", "D"),
                "1m", WEIGHTS, Duration.ZERO);
        try (CountingHarness<Long, FactorVector, CrossSection> counting = CountingHarness.of(
                CrossSectionStages.operator(spec), v -> v.openTime, Types.LONG, null)) {
            FactorVector cold = vector("B", OPEN, Double.NaN, 20);
            cold.warmingUp = new String[] {"mom"};
            FactorVector undefined = vector("C", OPEN, Double.NaN, 30);
            undefined.warmingUp = new String[0];
            FactorVector otherCold = vector("D", OPEN, 3, 40);
            otherCold.names = new String[] {"mom", "rev", "slow"};
            otherCold.values = new double[] {3, 40, Double.NaN};
            otherCold.warmingUp = new String[] {"slow"};
            counting.harness.processElement(vector("A", OPEN, 1, 10), CLOSE);
            counting.harness.processElement(cold, CLOSE);
            counting.harness.processElement(undefined, CLOSE);
            counting.harness.processElement(otherCold, CLOSE);

            CrossSection cs = counting.harness.extractOutputValues().get(0);
            // mom over A, D: z = ∓1; rev over all four: 10, 20, 30, 40 → A −3/√5, D 3/√5
            assertThat(cs.scores).extracting(x -> x.symbol).containsExactly("A", "D");
            assertThat(cs.scores[0].score).isCloseTo(-1 + 0.5 * 3 / Math.sqrt(5), within(1e-12));
            assertThat(cs.unscored).extracting(u -> u.symbol + " " + u.reason)
                    .containsExactly("B factor-not-warm", "C factor-not-finite");
            assertThat(counting.count("notWarmInstruments")).isEqualTo(1);
        }
    }

    @Test
    void duplicatesAndVectorsWithoutTheFactorsAreDeadLetters() throws Exception {
        open(Duration.ZERO);
        harness.processElement(vector("A", OPEN, 1, 10), CLOSE);
        harness.processElement(vector("A", OPEN, 2, 10), CLOSE);
        FactorVector other = vector("B", OPEN, 1, 1);
        other.names = new String[] {"mom", "ema_20"};
        harness.processElement(other, CLOSE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                .extracting(d -> d.reason).containsExactly("duplicate", "missing-factor");
        DeadLetter missing = List.copyOf(harness.getSideOutput(DeadLetters.TAG)).get(1).getValue();
        assertThat(missing.detail).contains("rev");
        assertThat(missing.raw).startsWith("USDM:B 1m " + OPEN);
    }

    /**
     * Spot and USD-M vectors of one symbol are two instruments of the universe: the second is no
     * duplicate, each is scored, and an instrument that did not report is missing by its key.
     */
    @Test
    void spotAndUsdmOfOneSymbolAreScoredAsTwoInstruments() throws Exception {
        CrossSectionSpec spec = new CrossSectionSpec("basis", List.of(Instrument.parse("spot:A"),
                Instrument.parse("usdm:A"), Instrument.parse("usdm:B")), "1m", WEIGHTS);
        harness = Harnesses.keyed(CrossSectionStages.operator(spec), v -> v.openTime, Types.LONG);
        FactorVector spot = vector("A", OPEN, 1, 10);
        spot.market = Market.SPOT;
        harness.processElement(vector("A", OPEN, 3, 40), CLOSE);
        harness.processElement(spot, CLOSE);
        harness.processElement(vector("A", OPEN, 3, 40), CLOSE);
        harness.processWatermark(CLOSE);

        CrossSection cs = harness.extractOutputValues().get(0);
        assertThat(cs.complete).isFalse();
        assertThat(cs.missing).containsExactly("USDM:B");
        // mom 1, 3 → z −1, 1; rev 10, 40 → z −1, 1: score = z_mom − 0.5 z_rev
        assertThat(cs.scores).extracting(s -> s.market + ":" + s.symbol + " " + s.score)
                .containsExactly("SPOT:A -0.5", "USDM:A 0.5");
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().reason)
                .containsExactly("duplicate");
    }

    /**
     * Rank, winsorized z-score and demeaning, weighted and summed. mom (rank): A 1, B 3, C 3,
     * D NaN, E 5 → ranks 1, 2.5, 2.5, –, 4 of 4 → −1, 0, 0, –, 1. rev (winsorized z-score at 1.5,
     * weight −0.5): 0, 0, 0, 0, 10 → mean 2, population stdev 4 → z −0.5 (four times), 2 → 1.5.
     * vol (demeaned, weight 2): 1..5 → −2, −1, 0, 1, 2. D has no finite mom: unscored, but its
     * rev and vol count in theirs.
     */
    @Test
    void configuredTransformsAreCombinedByWeightWithHandComputedScores() throws Exception {
        CrossSectionSpec spec = new CrossSectionSpec("majors",
                Instruments.usdm("A", "B", "C", "D", "E"), "1m",
                Map.of("mom", 1.0, "rev", -0.5, "vol", 2.0), Duration.ZERO,
                Map.of("mom", CrossSectionTransform.parse("rank"),
                        "rev", CrossSectionTransform.parse("winsorized_zscore(1.5)"),
                        "vol", CrossSectionTransform.parse("demean")));
        harness = Harnesses.keyed(CrossSectionStages.operator(spec), v -> v.openTime, Types.LONG);
        double[][] values = {{1, 0, 1}, {3, 0, 2}, {3, 0, 3}, {Double.NaN, 0, 4}, {5, 10, 5}};
        for (int i = 0; i < values.length; i++) {
            FactorVector v = vector(String.valueOf((char) ('A' + i)), OPEN, 0, 0);
            v.names = new String[] {"vol", "mom", "rev"};
            v.values = new double[] {values[i][2], values[i][0], values[i][1]};
            harness.processElement(v, CLOSE);
        }

        CrossSection cs = harness.extractOutputValues().get(0);
        assertThat(cs.complete).isTrue();
        // A −1 + 0.25 − 4, B 0 + 0.25 − 2, C 0 + 0.25 + 0, E 1 − 0.75 + 4
        assertThat(cs.scores).extracting(s -> s.symbol + " " + s.score)
                .containsExactly("A -4.75", "B -1.75", "C 0.25", "E 4.25");
        assertThat(cs.unscored).extracting(u -> u.symbol + " " + u.reason)
                .containsExactly("D factor-not-finite");
    }

    private void open(Duration maxWait) throws Exception {
        CrossSectionSpec spec =
                new CrossSectionSpec("majors", Instruments.usdm("C", "A", "B"), "1m", WEIGHTS,
                        maxWait);
        harness = Harnesses.keyed(CrossSectionStages.operator(spec), v -> v.openTime, Types.LONG);
    }

    static FactorVector vector(String symbol, long openTime, double mom, double rev) {
        FactorVector v = new FactorVector();
        v.symbol = symbol;
        v.market = Market.USDM;
        v.interval = "1m";
        v.openTime = openTime;
        v.closeTime = openTime + 59_999;
        v.close = BigDecimal.valueOf(symbol.charAt(0));
        v.names = new String[] {"mom", "rev"};
        v.values = new double[] {mom, rev};
        return v;
    }
}
