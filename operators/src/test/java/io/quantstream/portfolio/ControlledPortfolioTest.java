package io.quantstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.UnscoredSymbol;
import io.quantstream.testing.Harnesses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The portfolio under STOP, FLAT and RESUME, one keyed co-broadcast harness per strategy:
 * cross-sections on the keyed input, commands on the broadcast input. Three instruments A, B, C
 * (USD-M); scores ±1 and 0 give weights ±0.3 (0.5 capped at 0.3) and 0, so with equity 100 000 a
 * target is {@code ±30 000 / close}.
 */
class ControlledPortfolioTest {

    private static final long OPEN = 1_721_260_800_000L;
    private static final long MINUTE = 60_000;
    private static final BigDecimal EQUITY = new BigDecimal("100000");
    private static final StrategySpec REVERSAL =
            new StrategySpec("reversal", "majors", "1m", 1.0, 0.3, EQUITY);
    private static final StrategySpec MOMENTUM =
            new StrategySpec("momentum", "majors", "1m", 1.0, 0.3, EQUITY);
    private static final int MAX_PARALLELISM = 128;

    @Test
    void stopFlatAndResumeSentMidRunChangeTheTargetsAsDocumented() throws Exception {
        try (var h = harness(REVERSAL, 1, 0, null)) {
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            h.processBroadcastElement(command(ControlCommand.STOP, "reversal", close(0) + 1), close(0) + 1);
            bar(h, 1, "8", "25", "5", -1);
            bar(h, 2, "8", "25", "5", 1);
            h.processBroadcastElement(command(ControlCommand.FLAT, "reversal", close(2) + 1), close(2) + 1);
            bar(h, 3, "9", "24", "5", 1);
            bar(h, 4, "9", "24", "5", 1);
            h.processBroadcastElement(command(ControlCommand.RESUME, "reversal", close(4) + 1), close(4) + 1);
            bar(h, 5, "12.5", "25", "5", 1);

            assertThat(targets(h)).containsExactly(
                    // bar 0: A long, B short, C flat scores
                    "0 A 0.3 3000.00000000 @10 null", "0 B -0.3 -1500.00000000 @20 null",
                    "0 C 0.0 0E-8 @5 null",
                    // STOP: the last targets restated unchanged, then nothing at bar 2
                    "1 A 0.3 3000.00000000 @10 stopped", "1 B -0.3 -1500.00000000 @20 stopped",
                    "1 C 0.0 0E-8 @5 stopped",
                    // FLAT: every instrument to zero at the bar's close, then nothing at bar 4
                    "3 A 0.0 0E-8 @9 flat", "3 B 0.0 0E-8 @24 flat", "3 C 0.0 0E-8 @5 flat",
                    // RESUME: the normal targets of bar 5
                    "5 A 0.3 2400.00000000 @12.5 null", "5 B -0.3 -1200.00000000 @25 null",
                    "5 C 0.0 0E-8 @5 null");
            assertThat(h.extractOutputStreamRecords()).allSatisfy(
                    r -> assertThat(r.getTimestamp()).isEqualTo(r.getValue().time));
            assertThat(actions(h)).containsExactly(
                    "1 STOP reversal @" + (close(0) + 1) + " applied []",
                    "3 FLAT reversal @" + (close(2) + 1) + " applied [USDM:A, USDM:B]",
                    "5 RESUME reversal @" + (close(4) + 1) + " applied [USDM:A, USDM:B]");
            assertThat(h.getSideOutput(DeadLetters.TAG)).isNull();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /**
     * A weighting that fails (here when A's score is negative) gives no normal targets at its bar,
     * but a FLAT taking effect there still takes every instrument to zero; each failure is a dead
     * letter, and RESUME gives the next bar the weighting takes.
     */
    @Test
    void aFailingWeightingStillLetsAFlatTakeEffectAndGivesNoNormalTargets() throws Exception {
        StrategySpec spec = new StrategySpec("reversal", "majors", "1m", 1.0, 0.3, EQUITY,
                new FailingWeightingTest.FailsOnNegativeFirst());
        try (var h = harness(spec, 1, 0, null)) {
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            h.processBroadcastElement(command(ControlCommand.FLAT, "reversal", close(0) + 1), close(0) + 1);
            bar(h, 1, "11", "21", "6", -1);
            h.processBroadcastElement(command(ControlCommand.RESUME, "reversal", close(1) + 1), close(1) + 1);
            bar(h, 2, "12", "22", "7", -1);
            bar(h, 3, "12.5", "25", "5", 1);

            assertThat(targets(h)).containsExactly(
                    "0 A 0.3 3000.00000000 @10 null", "0 B -0.3 -1500.00000000 @20 null",
                    "0 C 0.0 0E-8 @5 null",
                    // the weighting fails at bar 1: FLAT at the last targets' prices
                    "1 A 0.0 0E-8 @10 flat", "1 B 0.0 0E-8 @20 flat", "1 C 0.0 0E-8 @5 flat",
                    // it fails again at bar 2: nothing; bar 3 is weighted
                    "3 A 0.3 2400.00000000 @12.5 null", "3 B -0.3 -1200.00000000 @25 null",
                    "3 C 0.0 0E-8 @5 null");
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(2).allSatisfy(r -> {
                assertThat(r.getValue().reason).isEqualTo("weighting-failed");
                assertThat(r.getValue().detail).contains("first score -1.0");
            });
        }
    }

    /** Previous quantity, delta quantity and delta notional, by hand: {@code 30 000 / close}. */
    @Test
    void eachChangedTargetGetsItsDeltaToThePreviousAndAFlatGetsOneForEveryInstrument()
            throws Exception {
        try (var h = harness(REVERSAL, 1, 0, null)) {
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            bar(h, 1, "8", "25", "5", -1);
            h.processBroadcastElement(command(ControlCommand.FLAT, null, close(1) + 1), close(1) + 1);
            bar(h, 2, "9", "24", "6", 1);

            // time instrument previousTime previous → quantity (delta) notional reason
            assertThat(deltas(h)).containsExactly(
                    // bar 0: first targets; C's is 0, no change, no delta
                    "0 A null 0E-8 -> 3000.00000000 (3000.00000000) 30000.00000000 null",
                    "0 B null 0E-8 -> -1500.00000000 (-1500.00000000) -30000.00000000 null",
                    // bar 1: A 3000 → −30000/8 = −3750, B −1500 → 30000/25 = 1200
                    "1 A 0 3000.00000000 -> -3750.00000000 (-6750.00000000) -54000.00000000 null",
                    "1 B 0 -1500.00000000 -> 1200.00000000 (2700.00000000) 67500.00000000 null",
                    // bar 2, FLAT: A +3750 × 9, B −1200 × 24; C unchanged at 0 but flattened too
                    "2 A 1 -3750.00000000 -> 0E-8 (3750.00000000) 33750.00000000 flat",
                    "2 B 1 1200.00000000 -> 0E-8 (-1200.00000000) -28800.00000000 flat",
                    "2 C 1 0E-8 -> 0E-8 (0E-8) 0E-8 flat");
            assertThat(h.getSideOutput(PortfolioStages.DELTAS)).allSatisfy(
                    r -> assertThat(r.getTimestamp()).isEqualTo(r.getValue().time));
            assertThat(actions(h)).containsExactly(
                    "2 FLAT * @" + (close(1) + 1) + " applied [USDM:A, USDM:B]");
        }
    }

    @Test
    void aGlobalCommandAffectsEveryStrategyAScopedOneOnlyItsOwn() throws Exception {
        try (var reversal = harness(REVERSAL, 1, 0, null);
                var momentum = harness(MOMENTUM, 1, 0, null)) {
            for (var h : List.of(reversal, momentum)) {
                h.processWatermark(OPEN - 1);
                bar(h, 0, "10", "20", "5", 1);
                h.processBroadcastElement(command(ControlCommand.STOP, "reversal", close(0) + 1), 0);
                bar(h, 1, "10", "20", "5", 1);
                h.processBroadcastElement(command(ControlCommand.FLAT, "*", close(1) + 1), 0);
                bar(h, 2, "10", "20", "5", 1);
                h.processBroadcastElement(command(ControlCommand.RESUME, "momentum", close(2) + 1), 0);
                bar(h, 3, "10", "20", "5", 1);
            }

            assertThat(reasons(reversal)).containsExactly("0 null", "1 stopped", "2 flat");
            assertThat(reasons(momentum)).containsExactly("0 null", "1 null", "2 flat", "3 null");
            assertThat(actions(reversal)).extracting(a -> a.substring(0, a.indexOf(" @")))
                    .containsExactly("1 STOP reversal", "2 FLAT *");
            assertThat(actions(momentum)).extracting(a -> a.substring(0, a.indexOf(" @")))
                    .containsExactly("2 FLAT *", "3 RESUME momentum");
        }
    }

    /**
     * BATCH reads every command before the first bar and sends the watermark only at the end;
     * STREAMING interleaves them with the bars and the watermark: the same output.
     */
    @Test
    void batchOrderDeliveryGivesTheSameOutputAsInterleavedStreamingDelivery() throws Exception {
        List<ControlCommand> commands = List.of(
                command(ControlCommand.STOP, "reversal", close(1) + 5),
                command(ControlCommand.RESUME, "*", close(3) + 1),
                command(ControlCommand.FLAT, "reversal", close(3) + 2),
                command(ControlCommand.RESUME, "reversal", close(5) - 1),
                // the same millisecond: FLAT wins over RESUME whatever the order they come in
                command(ControlCommand.RESUME, "reversal", close(7) + 1),
                command(ControlCommand.FLAT, "reversal", close(7) + 1),
                // after the last bar: no effect
                command(ControlCommand.STOP, "*", close(9) + 1));
        List<String> streaming;
        try (var h = harness(REVERSAL, 1, 0, null)) {
            int next = 0;
            for (int k = 0; k < 9; k++) {
                while (next < commands.size() && commands.get(next).time < close(k)) {
                    h.processBroadcastElement(commands.get(next), commands.get(next).time);
                    next++;
                }
                h.processWatermark(open(k) - 1);
                bar(h, k, "10", "20", "5", k % 2 == 0 ? 1 : -1);
            }
            h.processBroadcastElement(commands.get(6), commands.get(6).time);
            h.processWatermark(Long.MAX_VALUE);
            streaming = everything(h);
        }
        List<String> batch;
        try (var h = harness(REVERSAL, 1, 0, null)) {
            List<ControlCommand> reversed = new ArrayList<>(commands);
            Collections.reverse(reversed);
            for (ControlCommand c : reversed) {
                h.processBroadcastElement(c, c.time);
            }
            for (int k = 0; k < 9; k++) {
                bar(h, k, "10", "20", "5", k % 2 == 0 ? 1 : -1);
            }
            h.processWatermark(Long.MAX_VALUE);
            batch = everything(h);
        }

        assertThat(batch).isEqualTo(streaming);
        assertThat(streaming).filteredOn(line -> line.startsWith("target "))
                .extracting(line -> line.split(" ")[1] + " " + line.split(" ")[2] + " "
                        + line.substring(line.lastIndexOf(' ') + 1))
                .containsExactly("0 A null", "0 B null", "0 C null",
                        "1 A null", "1 B null", "1 C null",
                        "2 A stopped", "2 B stopped", "2 C stopped",
                        "4 A flat", "4 B flat", "4 C flat",
                        "5 A null", "5 B null", "5 C null",
                        "6 A null", "6 B null", "6 C null",
                        "7 A null", "7 B null", "7 C null",
                        "8 A flat", "8 B flat", "8 C flat");
        assertThat(streaming).filteredOn(line -> line.startsWith("action "))
                .extracting(line -> line.substring(0, line.indexOf(" @")))
                .containsExactly("action 2 STOP reversal", "action 4 RESUME *",
                        "action 4 FLAT reversal", "action 5 RESUME reversal",
                        "action 8 RESUME reversal", "action 8 FLAT reversal");
        assertThat(streaming).filteredOn(line -> line.startsWith("action 4 RESUME"))
                .singleElement().asString().endsWith("superseded []");
    }

    @Test
    void restoredFromASnapshotTheControlStateIsKeptAlsoOnANewSubtask() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(REVERSAL, 1, 0, null)) {
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            h.processBroadcastElement(command(ControlCommand.STOP, "*", close(0) + 1), 0);
            h.processBroadcastElement(command(ControlCommand.RESUME, "reversal", close(2) + 1), 0);
            bar(h, 1, "10", "20", "5", -1);
            snapshot = h.snapshot(1, 1);
        }
        int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator("reversal", MAX_PARALLELISM, 2);
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState rescaled = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    snapshot, MAX_PARALLELISM, 1, 2, subtask);
            try (var h = harness(REVERSAL, 2, subtask, rescaled)) {
                assertThat(h.getBroadcastState(ControlHistory.DESCRIPTOR).get("*"))
                        .as("subtask " + subtask).extracting(ControlCommand::toString)
                        .containsExactly("STOP * @" + (close(0) + 1) + " by desk (test)");
                if (subtask != owner) {
                    continue;
                }
                bar(h, 2, "10", "20", "5", 1);
                bar(h, 3, "10", "20", "5", -1);

                // bar 2: still stopped, nothing; bar 3: resumed, the normal targets; no second STOP action
                assertThat(reasons(h)).containsExactly("3 null");
                assertThat(targets(h)).first().asString().startsWith("3 A -0.3 -3000.00000000");
                assertThat(actions(h)).containsExactly(
                        "3 RESUME reversal @" + (close(2) + 1) + " applied [USDM:A, USDM:B]");
                assertThat(deltas(h)).extracting(d -> d.substring(0, d.indexOf(" ->")))
                        .as("against the frozen targets, restated at bar 1")
                        .containsExactly("3 A 1 3000.00000000", "3 B 1 -1500.00000000");
            }
        }
    }

    @Test
    void badCommandsAreDeadLettersAndTheStrategyRunsOn() throws Exception {
        try (var h = harness(REVERSAL, 1, 0, null)) {
            ControlCommand halt = command("HALT", "reversal", close(0) + 1);
            ControlCommand noTime = command(ControlCommand.STOP, "reversal", 0);
            noTime.time = null;
            ControlCommand noAction = command(null, "reversal", close(0) + 1);
            ControlCommand lowerCase = command("stop", "reversal", close(0) + 1);
            ControlCommand blank = command(ControlCommand.FLAT, " ", close(0) + 1);
            ControlCommand negative = command(ControlCommand.FLAT, null, -5);
            for (ControlCommand c : List.of(halt, noTime, noAction, lowerCase, blank, negative)) {
                h.processBroadcastElement(c, 0);
            }
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            bar(h, 1, "10", "20", "5", -1);

            assertThat(h.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(d -> d.stage + "/" + d.reason + "/" + d.eventTime)
                    .containsExactly("control/unknown-action/" + (close(0) + 1),
                            "control/missing-time/" + Long.MIN_VALUE,
                            "control/missing-action/" + (close(0) + 1),
                            "control/unknown-action/" + (close(0) + 1),
                            "control/blank-reference/" + (close(0) + 1),
                            "control/time-out-of-range/-5");
            assertThat(h.getSideOutput(DeadLetters.TAG).peek().getValue().raw)
                    .isEqualTo("action=HALT reference=reversal time=" + (close(0) + 1)
                            + " issuer=desk comment=test");
            assertThat(reasons(h)).containsExactly("0 null", "1 null");
            assertThat(h.getSideOutput(PortfolioStages.ACTIONS)).isNull();
        }
    }

    /** Sent twice (a replayed topic), a command is kept and reported once. */
    @Test
    void theSameCommandTwiceChangesNothingTheSecondTime() throws Exception {
        try (var h = harness(REVERSAL, 1, 0, null)) {
            ControlCommand flat = command(ControlCommand.FLAT, "reversal", close(0) + 1);
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            h.processBroadcastElement(flat, 0);
            bar(h, 1, "10", "20", "5", 1);
            h.processBroadcastElement(command(ControlCommand.FLAT, "reversal", close(0) + 1), 0);
            bar(h, 2, "10", "20", "5", 1);

            assertThat(h.getBroadcastState(ControlHistory.DESCRIPTOR).get("reversal")).hasSize(1);
            assertThat(reasons(h)).containsExactly("0 null", "1 flat");
            assertThat(actions(h)).hasSize(1);
        }
    }

    /**
     * STREAMING only: a command whose time is before a bar already decided takes effect from the
     * next bar, reported late.
     */
    @Test
    void aCommandArrivingAfterTheBarItNamesTakesEffectAtTheNextBarAndIsReportedLate()
            throws Exception {
        try (var h = harness(REVERSAL, 1, 0, null)) {
            h.processWatermark(OPEN - 1);
            bar(h, 0, "10", "20", "5", 1);
            bar(h, 1, "10", "20", "5", 1);
            h.processBroadcastElement(command(ControlCommand.FLAT, "reversal", close(0) + 1), 0);
            bar(h, 2, "10", "20", "5", 1);

            assertThat(reasons(h)).containsExactly("0 null", "1 null", "2 flat");
            assertThat(actions(h)).containsExactly(
                    "2 FLAT reversal @" + (close(0) + 1) + " applied late [USDM:A, USDM:B]");
        }
    }

    /** A control stream without watermarks (an idle topic) does not stall waiting bars. */
    @Test
    void theControlStreamsWatermarkNeverHoldsBackTheTargets() throws Exception {
        try (var h = harness(REVERSAL, 1, 0, null)) {
            bar(h, 0, "10", "20", "5", 1);
            assertThat(h.extractOutputValues()).as("waits for the watermark").isEmpty();

            h.processWatermark(close(0));
            h.processBroadcastWatermark(OPEN - MINUTE);

            assertThat(reasons(h)).containsExactly("0 null");
            assertThat(h.getOutput()).filteredOn(o -> o instanceof Watermark)
                    .containsExactly(new Watermark(close(0)));
        }
    }

    /** Without any command, the targets of the stage without control, record for record. */
    @Test
    void withoutCommandsTheTargetsAreThoseOfTheStageWithoutControl() throws Exception {
        List<String> plain = new ArrayList<>();
        try (var h = Harnesses.keyed(PortfolioStages.operator(REVERSAL), cs -> "reversal",
                Types.STRING)) {
            h.processWatermark(OPEN - 1);
            for (CrossSection cs : universeChanges()) {
                h.processElement(cs, cs.closeTime);
            }
            h.extractOutputStreamRecords().forEach(r -> plain.add(r.getTimestamp() + " " + r.getValue()));
        }
        List<String> controlled = new ArrayList<>();
        try (var h = harness(REVERSAL, 1, 0, null)) {
            h.processWatermark(OPEN - 1);
            for (CrossSection cs : universeChanges()) {
                h.processElement(cs, cs.closeTime);
            }
            h.extractOutputStreamRecords().forEach(r -> controlled.add(r.getTimestamp() + " " + r.getValue()));
        }
        assertThat(controlled).isEqualTo(plain).hasSize(3 + 3 + 3 + 2);
    }

    /**
     * The same uid and keyed state as the stage without control: a job moving to this stage from a
     * savepoint of the other keeps its last closes, waiting bars and their timers.
     */
    @Test
    void aSnapshotOfTheStageWithoutControlRestoresIntoThisOne() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = Harnesses.keyed(PortfolioStages.operator(REVERSAL), cs -> "reversal",
                Types.STRING)) {
            h.processWatermark(OPEN - 1);
            h.processElement(section(0, score("A", 1, "10"), score("B", -1, "20")), close(0));
            // bar 1 not there yet: bar 2 waits for its timer
            h.processElement(section(2, score("A", 1, "11"), score("B", -1, "21")), close(2));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            snapshot = h.snapshot(1, 1);
        }
        // the one-input harness runs with max parallelism 1
        try (var h = harness(REVERSAL, 1, 1, 0, snapshot)) {
            CrossSection bar3 = section(3, score("A", 1, "12"));
            bar3.missing = new String[] {"USDM:B"};
            h.processWatermark(close(2));
            h.processElement(bar3, close(3));

            assertThat(targets(h)).containsExactly("2 A 0.3 2727.27272727 @11 null",
                    "2 B -0.3 -1428.57142857 @21 null", "3 A 0.0 0E-8 @12 null",
                    "3 B 0.0 0E-8 @21 not-reported");
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /** A leaves (left-universe), B is not reported once, D joins with no close known. */
    private static List<CrossSection> universeChanges() {
        CrossSection c0 = section(0, score("A", 1, "10"), score("B", -1, "20"), score("C", 0, "5"));
        CrossSection c1 = section(1, score("B", 1, "20"), score("C", -1, "5"));
        CrossSection c2 = section(2, score("C", 1, "5"));
        c2.missing = new String[] {"USDM:B"};
        c2.unscored = new UnscoredSymbol[] {new UnscoredSymbol(Market.USDM, "D",
                UnscoredSymbol.FACTOR_NOT_FINITE, null)};
        CrossSection c3 = section(3, score("B", 1, "21"), score("C", -1, "5"));
        return List.of(c0, c1, c2, c3);
    }

    private static KeyedBroadcastOperatorTestHarness<String, CrossSection, ControlCommand, TargetPosition>
            harness(StrategySpec spec, int parallelism, int subtask, OperatorSubtaskState restored)
            throws Exception {
        return harness(spec, MAX_PARALLELISM, parallelism, subtask, restored);
    }

    private static KeyedBroadcastOperatorTestHarness<String, CrossSection, ControlCommand, TargetPosition>
            harness(StrategySpec spec, int maxParallelism, int parallelism, int subtask,
            OperatorSubtaskState restored) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new ControlledPortfolioOperator(new ControlledPortfolio(spec)),
                (CrossSection cs) -> spec.name(), Types.STRING, maxParallelism, parallelism, subtask);
        h.getExecutionConfig().configure(Harnesses.noGenericTypes(),
                ControlledPortfolioTest.class.getClassLoader());
        h.setup();
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    /** Bar {@code k} with A, B at score {@code ±sign} and C at 0, closes as given. */
    private static void bar(KeyedBroadcastOperatorTestHarness<String, CrossSection, ControlCommand,
            TargetPosition> h, int k, String a, String b, String c, int sign) throws Exception {
        CrossSection cs = section(k, score("A", sign, a), score("B", -sign, b), score("C", 0, c));
        h.processElement(cs, cs.closeTime);
    }

    private static CrossSection section(int k, SymbolScore... scores) {
        CrossSection cs = new CrossSection();
        cs.universe = "majors";
        cs.interval = "1m";
        cs.openTime = open(k);
        cs.closeTime = close(k);
        cs.complete = true;
        cs.missing = new String[0];
        cs.scores = scores;
        cs.unscored = new UnscoredSymbol[0];
        return cs;
    }

    private static SymbolScore score(String symbol, double score, String close) {
        return new SymbolScore(Market.USDM, symbol, score, new BigDecimal(close));
    }

    private static ControlCommand command(String action, String reference, long time) {
        return ControlCommand.of(action, reference, time, "desk", "test");
    }

    private static long open(int k) {
        return OPEN + k * MINUTE;
    }

    private static long close(int k) {
        return open(k) + MINUTE - 1;
    }

    /** The bar index of a close time. */
    private static long bar(long closeTime) {
        return (closeTime - OPEN) / MINUTE;
    }

    /** {@code bar symbol weight quantity @price reason}. */
    private static List<String> targets(AbstractStreamOperatorTestHarness<TargetPosition> h) {
        List<String> lines = new ArrayList<>();
        for (TargetPosition p : h.extractOutputValues()) {
            lines.add(bar(p.time) + " " + p.symbol + " " + p.weight + " " + p.quantity + " @"
                    + p.price + " " + p.reason);
        }
        return lines;
    }

    /** {@code bar reason} of every target of A. */
    private static List<String> reasons(AbstractStreamOperatorTestHarness<TargetPosition> h) {
        List<String> lines = new ArrayList<>();
        for (TargetPosition p : h.extractOutputValues()) {
            if (p.symbol.equals("A")) {
                lines.add(bar(p.time) + " " + p.reason);
            }
        }
        return lines;
    }

    /** {@code bar action scope @commandTime outcome [late] [changed]}. */
    private static List<String> actions(AbstractStreamOperatorTestHarness<TargetPosition> h) {
        List<String> lines = new ArrayList<>();
        Queue<StreamRecord<ControlAction>> records = h.getSideOutput(PortfolioStages.ACTIONS);
        for (StreamRecord<ControlAction> r : records == null ? new ArrayList<StreamRecord<ControlAction>>() : records) {
            ControlAction a = r.getValue();
            assertThat(r.getTimestamp()).isEqualTo(a.time);
            lines.add(bar(a.time) + " " + a.action + " " + a.scope + " @" + a.commandTime + " "
                    + a.outcome + (a.late ? " late" : "") + " " + List.of(a.changed));
        }
        return lines;
    }

    /** {@code bar symbol previousBar previous -> quantity (delta) notional reason}. */
    private static List<String> deltas(AbstractStreamOperatorTestHarness<TargetPosition> h) {
        List<String> lines = new ArrayList<>();
        Queue<StreamRecord<TargetDelta>> records = h.getSideOutput(PortfolioStages.DELTAS);
        for (StreamRecord<TargetDelta> r : records == null ? new ArrayList<StreamRecord<TargetDelta>>() : records) {
            TargetDelta d = r.getValue();
            lines.add(bar(d.time) + " " + d.symbol + " "
                    + (d.previousTime == null ? "null" : bar(d.previousTime)) + " "
                    + d.previousQuantity + " -> " + d.quantity + " (" + d.deltaQuantity + ") "
                    + d.deltaNotional + " " + d.reason);
        }
        return lines;
    }

    /** Targets, actions and deltas with their record timestamps, for comparing two runs. */
    private static List<String> everything(AbstractStreamOperatorTestHarness<TargetPosition> h) {
        List<String> lines = new ArrayList<>();
        h.extractOutputStreamRecords().forEach(r -> lines.add("target " + targetLine(r)));
        actions(h).forEach(a -> lines.add("action " + a));
        deltas(h).forEach(d -> lines.add("delta " + d));
        return lines;
    }

    private static String targetLine(StreamRecord<? extends TargetPosition> r) {
        TargetPosition p = r.getValue();
        return bar(p.time) + " " + p.symbol + " " + r.getTimestamp() + " " + p.weight + " "
                + p.quantity + " " + p.price + " " + p.reason;
    }
}
