package io.quantstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BarLatenciesTest {

    /** 2026-02-01T00:01:00Z, a minute boundary, epoch ms. */
    private static final long T = 1_769_904_060_000L;

    @Test
    void latencyIsArrivalMinusBarEndMinusOutOfOrdernessOverTheBarsOfTheWindowFirstArrivalOnly() {
        BarLatencies latencies = new BarLatencies(1_000);
        latencies.received("usdm:A", T, T + 1_200);            // 200 ms after the watermark close
        latencies.received("usdm:B", T, T + 700);              // -300: closed on a trade, before it
        latencies.received("usdm:A", T, T + 9_000);            // a repeat: the first arrival counts
        latencies.received("usdm:A", T + 60_000, T + 62_000);  // 1000
        latencies.received("usdm:A", T - 60_000, T - 50_000);  // ends before the window

        BarLatencies.Summary s = latencies.summary(T - 1, T + 60_000, 2);

        // closes T and T + 1 min, 2 instruments: 4 bars expected, 3 arrived: -300, 200, 1000
        assertThat(s.closes()).isEqualTo(2);
        assertThat(s.expected()).isEqualTo(4);
        assertThat(s.bars()).isEqualTo(3);
        assertThat(s.repeats()).isEqualTo(1);
        assertThat(s.p50Ms()).isEqualTo(200L);   // rank ceil(0.5 * 3) = 2
        assertThat(s.p99Ms()).isEqualTo(1_000L); // rank ceil(0.99 * 3) = 3
        assertThat(s.maxMs()).isEqualTo(1_000L);
    }

    @Test
    void aWindowWithoutBarsHasNoPercentiles() {
        BarLatencies.Summary s = new BarLatencies(1_000).summary(T + 1, T + 30_000, 5);
        assertThat(s.closes()).isZero();
        assertThat(s.expected()).isZero();
        assertThat(s.p50Ms()).isNull();
        assertThat(s.maxMs()).isNull();
    }

    @Test
    void nearestRankPercentiles() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(BarLatencies.percentile(hundred, 0.50)).isEqualTo(50L);
        assertThat(BarLatencies.percentile(hundred, 0.99)).isEqualTo(99L);
        assertThat(BarLatencies.percentile(List.of(7L), 0.99)).isEqualTo(7L);
    }
}
