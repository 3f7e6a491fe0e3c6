package io.quantstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.UnscoredSymbol;
import io.quantstream.testing.Harnesses;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortfolioConstructorTest {

    private static final long OPEN = 1_721_260_800_000L;
    private static final BigDecimal EQUITY = new BigDecimal("100000");
    private static final StrategySpec SPEC =
            new StrategySpec("reversal", "majors", "1m", 1.0, 0.3, EQUITY);

    private KeyedOneInputStreamOperatorTestHarness<String, CrossSection, TargetPosition> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(PortfolioStages.operator(SPEC), cs -> SPEC.name(), Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void oneTargetPerScoredSymbolSizedAgainstEquity() throws Exception {
        CrossSection cs = section(OPEN, score("BTCUSDT", 2.0, "64123.45"),
                score("ETHUSDT", -1.0, "3456.78"), score("SOLUSDT", -0.5, "160.1"),
                score("XRPUSDT", -0.5, "0.5678"));
        harness.processElement(cs, cs.closeTime);
        assertThat(harness.extractOutputValues()).as("waits for the watermark").isEmpty();
        harness.processWatermark(cs.closeTime);

        List<StreamRecord<? extends TargetPosition>> out = harness.extractOutputStreamRecords();
        assertThat(out).hasSize(4);
        assertThat(out).allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(cs.closeTime));
        double sum = 0;
        double gross = 0;
        for (int i = 0; i < 4; i++) {
            TargetPosition p = out.get(i).getValue();
            assertThat(p.symbol).isEqualTo(cs.scores[i].symbol);
            assertThat(p.time).isEqualTo(cs.closeTime);
            assertThat(p.reference).isEqualTo("reversal");
            assertThat(p.price).isEqualTo(cs.scores[i].close);
            assertThat(Math.abs(p.weight)).isLessThanOrEqualTo(0.3);
            assertThat(p.quantity.scale()).isEqualTo(8);
            assertThat(p.quantity).isEqualTo(new BigDecimal(Double.toString(p.weight))
                    .multiply(EQUITY).divide(p.price, 8, RoundingMode.HALF_EVEN));
            assertThat(p.notional().doubleValue()).isCloseTo(p.weight * 100_000, within(1e-3));
            sum += p.weight;
            gross += Math.abs(p.weight);
        }
        assertThat(sum).isCloseTo(0, within(1e-15));
        assertThat(gross).isLessThanOrEqualTo(1.0);
        // demeaned 2, −1, −0.5, −0.5: long 0.5 capped at 0.3, shorts −0.25, −0.125, −0.125 → ×0.6
        assertThat(out).extracting(r -> r.getValue().weight)
                .containsExactly(0.3, -0.15, -0.075, -0.075);
        assertThat(harness.numKeyedStateEntries()).as("last close time, last closes")
                .isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void flatScoresGiveZeroTargetsSoPositionsAreClosed() throws Exception {
        CrossSection cs = section(OPEN, score("BTCUSDT", 0.2, "64000"), score("ETHUSDT", 0.2, "3400"));
        harness.processWatermark(OPEN - 1);
        harness.processElement(cs, cs.closeTime);

        assertThat(harness.extractOutputValues()).extracting(p -> p.weight).containsExactly(0.0, 0.0);
        assertThat(harness.extractOutputValues()).allSatisfy(
                p -> assertThat(p.quantity).isEqualByComparingTo(BigDecimal.ZERO));
    }

    @Test
    void aSymbolMissingFromAnIncompleteCrossSectionGetsAZeroTargetAtItsLastClose()
            throws Exception {
        CrossSection bar1 = section(OPEN, score("A", 2, "10"), score("B", 2, "20"),
                score("C", -2, "30"), score("D", -2, "40"));
        CrossSection bar2 = section(OPEN + 60_000, score("B", 1, "21"), score("C", 0, "31"),
                score("D", -1, "41"));
        bar2.complete = false;
        bar2.missing = new String[] {"USDM:A"};
        harness.processWatermark(OPEN - 1);
        harness.processElement(bar1, bar1.closeTime);
        harness.processElement(bar2, bar2.closeTime);

        List<TargetPosition> out = harness.extractOutputValues();
        // bar 1: ±2 → ±0.25 each; bar 2: 1, 0, −1 → B long 0.5 capped at 0.3, D −0.3
        assertThat(out).extracting(p -> p.time + " " + p.symbol + " " + p.weight).containsExactly(
                bar1.closeTime + " A 0.25", bar1.closeTime + " B 0.25",
                bar1.closeTime + " C -0.25", bar1.closeTime + " D -0.25",
                bar2.closeTime + " A 0.0", bar2.closeTime + " B 0.3",
                bar2.closeTime + " C 0.0", bar2.closeTime + " D -0.3");
        TargetPosition a = out.get(4);
        assertThat(a.reason).isEqualTo(TargetPosition.NOT_REPORTED);
        assertThat(a.quantity).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(a.price).as("A's last known close").isEqualByComparingTo("10");
        assertThat(out).filteredOn(p -> !p.symbol.equals("A") || p.time == bar1.closeTime)
                .extracting(p -> p.reason).containsOnlyNulls();
        assertThat(latestWeightSum(out)).isCloseTo(0, within(1e-15));
    }

    @Test
    void aScoredSymbolWithoutAPositiveCloseIsADeadLetterAndGetsAZeroTarget() throws Exception {
        CrossSection bar1 = section(OPEN, score("A", 1, "10"), score("B", -1, "20"));
        CrossSection bar2 = section(OPEN + 60_000, score("A", 1, "0"), score("B", 2, "21"),
                score("C", -2, "31"));
        harness.processWatermark(OPEN - 1);
        harness.processElement(bar1, bar1.closeTime);
        harness.processElement(bar2, bar2.closeTime);

        // bar 2 without A: B, C at ±2 → ±0.5, capped at ±0.3
        assertThat(harness.extractOutputValues())
                .extracting(p -> p.time + " " + p.symbol + " " + p.weight + " " + p.price + " "
                        + p.reason)
                .containsExactly(bar1.closeTime + " A 0.3 10 null",
                        bar1.closeTime + " B -0.3 20 null",
                        bar2.closeTime + " A 0.0 10 invalid-close",
                        bar2.closeTime + " B 0.3 21 null", bar2.closeTime + " C -0.3 31 null");
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                .extracting(d -> d.stage + "/" + d.reason + "/" + d.eventTime)
                .containsExactly("portfolio/invalid-close/" + bar2.closeTime);
    }

    @Test
    void aSymbolThatLeftTheUniverseGetsOneLastZeroTarget() throws Exception {
        CrossSection bar1 = section(OPEN, score("A", 1, "10"), score("B", -1, "20"),
                score("C", 0, "30"));
        CrossSection bar2 = section(OPEN + 60_000, score("B", 1, "21"), score("C", -1, "31"));
        CrossSection bar3 = section(OPEN + 120_000, score("B", 1, "22"), score("C", -1, "32"));
        harness.processWatermark(OPEN - 1);
        for (CrossSection cs : List.of(bar1, bar2, bar3)) {
            harness.processElement(cs, cs.closeTime);
        }

        List<TargetPosition> out = harness.extractOutputValues();
        assertThat(out).extracting(p -> p.time + " " + p.symbol + " " + p.reason).containsExactly(
                bar1.closeTime + " A null", bar1.closeTime + " B null", bar1.closeTime + " C null",
                bar2.closeTime + " A left-universe", bar2.closeTime + " B null",
                bar2.closeTime + " C null", bar3.closeTime + " B null", bar3.closeTime + " C null");
        assertThat(out.get(3).weight).isZero();
        assertThat(out.get(3).price).isEqualByComparingTo("10");
        assertThat(latestWeightSum(out)).isCloseTo(0, within(1e-15));
    }

    @Test
    void crossSectionsNotNewerThanTheLastAreDeadLetters() throws Exception {
        CrossSection later = section(OPEN + 60_000, score("A", 1, "1"), score("B", 0, "1"));
        CrossSection earlier = section(OPEN, score("A", 1, "1"), score("B", 0, "1"));
        harness.processElement(later, later.closeTime);
        harness.processWatermark(later.closeTime);
        harness.processElement(earlier, earlier.closeTime);
        harness.processElement(later, later.closeTime);

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                .extracting(d -> d.stage + "/" + d.reason + "/" + d.eventTime)
                .containsExactly("portfolio/out-of-order/" + earlier.closeTime,
                        "portfolio/out-of-order/" + later.closeTime);
    }

    @Test
    void barsAreProcessedInCloseTimeOrderWhateverTheArrivalOrder() throws Exception {
        CrossSection[] bars = new CrossSection[4];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = section(OPEN + i * 60_000L, score("A", i, "1"), score("B", -i, "2"));
        }
        harness.processWatermark(OPEN - 1);
        harness.processElement(bars[3], bars[3].closeTime);
        harness.processElement(bars[1], bars[1].closeTime);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processElement(bars[0], bars[0].closeTime);

        assertThat(harness.extractOutputStreamRecords())
                .extracting(r -> r.getTimestamp() + " " + r.getValue().time + " " + r.getValue().symbol)
                .containsExactly(bars[0].closeTime + " " + bars[0].closeTime + " A",
                        bars[0].closeTime + " " + bars[0].closeTime + " B",
                        bars[1].closeTime + " " + bars[1].closeTime + " A",
                        bars[1].closeTime + " " + bars[1].closeTime + " B");
        harness.processWatermark(bars[3].closeTime);

        assertThat(harness.extractOutputValues()).extracting(p -> p.time).containsExactly(
                bars[0].closeTime, bars[0].closeTime, bars[1].closeTime, bars[1].closeTime,
                bars[3].closeTime, bars[3].closeTime);
        assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("last close time, last closes")
                .isEqualTo(2);
    }

    @Test
    void withoutWatermarksAtMostMaxPendingBarsWait() throws Exception {
        int bars = PortfolioConstructor.MAX_PENDING_BARS + 10;
        for (int i = 0; i < bars; i++) {
            CrossSection cs = section(OPEN + i * 60_000L, score("A", 1, "1"), score("B", 0, "1"));
            harness.processElement(cs, cs.closeTime);
            assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(PortfolioConstructor.MAX_PENDING_BARS);
        }
        assertThat(harness.extractOutputValues()).hasSize(2 * bars);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * Spot and USD-M BTCUSDT are two instruments of one universe: each gets its own target at
     * its own close, and one missing later gets a zero target at its own last close.
     */
    @Test
    void spotAndUsdmOfOneSymbolGetTheirOwnTargets() throws Exception {
        SymbolScore spot = score("BTCUSDT", 1, "64000");
        spot.market = Market.SPOT;
        CrossSection bar1 = section(OPEN, spot, score("BTCUSDT", -1, "64100"),
                score("ETHUSDT", 0, "3400"));
        CrossSection bar2 = section(OPEN + 60_000, score("BTCUSDT", 1, "64200"),
                score("ETHUSDT", -1, "3410"));
        bar2.complete = false;
        bar2.missing = new String[] {"SPOT:BTCUSDT"};
        harness.processWatermark(OPEN - 1);
        harness.processElement(bar1, bar1.closeTime);
        harness.processElement(bar2, bar2.closeTime);

        // bar 1: 1, −1, 0 → spot long 0.5 capped at 0.3, USD-M −0.3; bar 2: ±1 → ±0.3
        assertThat(harness.extractOutputValues())
                .extracting(p -> p.time - OPEN + " " + p.market + ":" + p.symbol + " " + p.weight
                        + " @" + p.price + (p.reason == null ? "" : " " + p.reason))
                .containsExactly("59999 SPOT:BTCUSDT 0.3 @64000",
                        "59999 USDM:BTCUSDT -0.3 @64100", "59999 USDM:ETHUSDT 0.0 @3400",
                        "119999 SPOT:BTCUSDT 0.0 @64000 not-reported",
                        "119999 USDM:BTCUSDT 0.3 @64200", "119999 USDM:ETHUSDT -0.3 @3410");
        assertThat(latestWeightSum(harness.extractOutputValues())).isCloseTo(0, within(1e-15));
    }

    /** Σ over instruments of each one's latest target weight. */
    static double latestWeightSum(List<TargetPosition> targets) {
        Map<String, Double> latest = new TreeMap<>();
        targets.forEach(p -> latest.put(p.market + ":" + p.symbol, p.weight));
        return latest.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static CrossSection section(long openTime, SymbolScore... scores) {
        CrossSection cs = new CrossSection();
        cs.universe = "majors";
        cs.interval = "1m";
        cs.openTime = openTime;
        cs.closeTime = openTime + 59_999;
        cs.complete = true;
        cs.missing = new String[0];
        cs.scores = scores;
        cs.unscored = new UnscoredSymbol[0];
        return cs;
    }

    static SymbolScore score(String symbol, double score, String close) {
        return new SymbolScore(Market.USDM, symbol, score, new BigDecimal(close));
    }
}
