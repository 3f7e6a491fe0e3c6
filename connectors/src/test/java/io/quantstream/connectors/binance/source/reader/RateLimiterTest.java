package io.quantstream.connectors.binance.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void noWindowHoldsMoreThanThePermits() {
        RateLimiter perSecond = new RateLimiter(4, 1000);

        assertThat(perSecond.tryAcquire(1, 0)).isTrue();
        assertThat(perSecond.tryAcquire(1, 0)).isTrue();
        assertThat(perSecond.tryAcquire(1, 400)).isTrue();
        assertThat(perSecond.tryAcquire(1, 999)).isTrue();
        assertThat(perSecond.tryAcquire(1, 999)).isFalse();
        // the two grants of t=0 leave the window at t=1000, the one of t=400 at t=1400
        assertThat(perSecond.tryAcquire(2, 1000)).isTrue();
        assertThat(perSecond.tryAcquire(1, 1399)).isFalse();
        assertThat(perSecond.tryAcquire(1, 1400)).isTrue();
    }

    @Test
    void requestWeightBudgetPerMinute() {
        RateLimiter weight = new RateLimiter(1000, 60_000);
        int requests = 0;
        while (weight.tryAcquire(20, 5_000)) {
            requests++;
        }

        assertThat(requests).isEqualTo(50);
        assertThat(weight.availableAt(20, 5_000)).isEqualTo(65_000);
        assertThat(weight.tryAcquire(20, 64_999)).isFalse();
        assertThat(weight.tryAcquire(20, 65_000)).isTrue();
    }

    @Test
    void availableAtWaitsForEnoughGrantsToExpire() {
        RateLimiter limiter = new RateLimiter(3, 1000);
        limiter.tryAcquire(1, 0);
        limiter.tryAcquire(1, 100);
        limiter.tryAcquire(1, 200);

        assertThat(limiter.availableAt(1, 300)).isEqualTo(1000);
        assertThat(limiter.availableAt(2, 300)).isEqualTo(1100);
        assertThat(limiter.availableAt(1, 1050)).isEqualTo(1050);
    }
}
