package io.quantstream.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The STREAMING buffer is bounded: when the watermark lags by more than
 * {@link SimulatedExecution#MAX_BUFFERED_EVENTS} events, the oldest time is applied ahead of it
 * (counted), and a record for a time applied already is then late.
 */
class BufferBoundTest {

    @Test
    void aWatermarkThatLagsTooFarReleasesTheOldestTimeAheadOfIt() throws Exception {
        try (AccountHarness h = AccountHarness.streaming(Bars.spec("b", "0", "0", "AAAUSDT"))) {
            for (int i = 0; i <= SimulatedExecution.MAX_BUFFERED_EVENTS; i++) {
                h.kline(Bars.bar("AAAUSDT", i, "10", "10"));
            }
            assertThat(h.count("releasedAheadOfWatermark")).isEqualTo(1);
            // buffer, count, released-up-to, account; a timer per buffered time and the end's
            assertThat(h.harness.numKeyedStateEntries()).isEqualTo(4);
            assertThat(h.harness.numEventTimeTimers()).isEqualTo(SimulatedExecution.MAX_BUFFERED_EVENTS + 1);
            h.kline(Bars.bar("AAAUSDT", 0, "10", "11"));
            assertThat(h.deadLetters()).singleElement().satisfies(d -> assertThat(d.reason).isEqualTo("late"));
            h.end();
            assertThat(h.harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.harness.numEventTimeTimers()).isZero();
        }
    }
}
