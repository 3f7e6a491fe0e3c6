package io.quantstream.connectors.binance.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximum() {
        Backoff backoff = new Backoff(100, 1000, 0.3, () -> 0.0);

        assertThat(new long[] {backoff.nextDelay(), backoff.nextDelay(), backoff.nextDelay(),
                backoff.nextDelay(), backoff.nextDelay(), backoff.nextDelay()})
                .containsExactly(100, 200, 400, 800, 1000, 1000);
        assertThat(backoff.attempts()).isEqualTo(6);
    }

    @Test
    void jitterTakesAtMostItsFractionOff() {
        Backoff lowest = new Backoff(1000, 60_000, 0.3, () -> 0.99);
        Backoff half = new Backoff(1000, 60_000, 0.3, () -> 0.5);

        // 1000 - 1000 * 0.3 * 0.99 = 703; 2000 - 2000 * 0.3 * 0.99 = 1406
        assertThat(lowest.nextDelay()).isEqualTo(703);
        assertThat(lowest.nextDelay()).isEqualTo(1406);
        // 1000 - 1000 * 0.3 * 0.5 = 850
        assertThat(half.nextDelay()).isEqualTo(850);
    }

    @Test
    void resetStartsOverFromTheInitialDelay() {
        Backoff backoff = new Backoff(100, 1000, 0, () -> 0.5);
        backoff.nextDelay();
        backoff.nextDelay();

        backoff.reset();

        assertThat(backoff.nextDelay()).isEqualTo(100);
    }
}
