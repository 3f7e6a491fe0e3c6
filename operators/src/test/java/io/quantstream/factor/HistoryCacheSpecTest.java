package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How many keys a history cache keeps, worked out by hand from its memory and key cap. */
class HistoryCacheSpecTest {

    @Test
    void theDefaultKeepsAsManyKeysAs64MiBOfDoublesHold() {
        // 64 MiB = 8,388,608 doubles; alpha158's 4,101 doubles a key: 2,045.5
        assertThat(HistoryCacheSpec.DEFAULT.keysFor(4_101)).isEqualTo(2_045);
        // 10 doubles a key would be 838,860 keys: capped at 65,536
        assertThat(HistoryCacheSpec.DEFAULT.keysFor(10)).isEqualTo(65_536);
    }

    @Test
    void memoryForLessThanOneHistoryStillKeepsOneKey() {
        assertThat(new HistoryCacheSpec(0, 10).keysFor(100)).isEqualTo(1);
        assertThat(new HistoryCacheSpec(799, 10).keysFor(100)).isEqualTo(1); // 99 doubles
        assertThat(new HistoryCacheSpec(1_600, 10).keysFor(100)).isEqualTo(2);
    }

    @Test
    void negativeMemoryOrNoKeysIsRefused() {
        assertThatThrownBy(() -> new HistoryCacheSpec(-1, 10))
                .hasMessage("memory must not be negative, was -1");
        assertThatThrownBy(() -> new HistoryCacheSpec(1, 0))
                .hasMessage("maxKeys must be at least 1, was 0");
    }
}
