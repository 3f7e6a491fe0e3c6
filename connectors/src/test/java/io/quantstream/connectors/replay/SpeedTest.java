package io.quantstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpeedTest {

    @Test
    void readsMaxAndPositiveFactors() {
        assertThat(Speed.parse("max").isMax()).isTrue();
        assertThat(Speed.parse("MAX")).isEqualTo(Speed.MAX);
        assertThat(Speed.parse("1").factor()).isEqualTo(1.0);
        assertThat(Speed.parse("10").factor()).isEqualTo(10.0);
        assertThat(Speed.parse("0.5").toString()).isEqualTo("0.5");
    }

    @Test
    void aMinuteOfEventTimeTakesSixSecondsAtTenTimesAndNothingAtMax() {
        assertThat(Speed.parse("10").wallNanos(60_000)).isEqualTo(6_000_000_000L);
        assertThat(Speed.parse("1").wallNanos(1)).isEqualTo(1_000_000L);
        assertThat(Speed.MAX.wallNanos(60_000)).isZero();
    }

    @Test
    void rejectsZeroNegativeAndWords() {
        for (String bad : new String[] {"0", "-1", "fast", "", "Infinity", "NaN"}) {
            assertThatThrownBy(() -> Speed.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("positive number (1 = real time) or max");
        }
    }
}
