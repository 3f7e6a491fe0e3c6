package io.quantstream.connectors.binance.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.reader.ConnectionSchedule.Action;

import org.junit.jupiter.api.Test;

/** The connection's timing on a fake clock (ms): no sleeps. */
class ConnectionScheduleTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final ConnectionSchedule schedule =
            new ConnectionSchedule(new Backoff(1000, 8000, 0, () -> 0), 23 * HOUR, 7 * MINUTE, 0);

    @Test
    void connectsAtOnceThenWaitsForTheOutcome() {
        assertThat(schedule.due(0)).isEqualTo(Action.CONNECT);
        schedule.connecting();
        assertThat(schedule.due(10 * HOUR)).isEqualTo(Action.NONE);
    }

    @Test
    void failedAttemptsBackOffExponentiallyAndDataResetsTheBackoff() {
        schedule.connecting();
        schedule.closed(0);
        assertThat(schedule.nextAttemptAt()).isEqualTo(1000);
        assertThat(schedule.due(999)).isEqualTo(Action.NONE);
        assertThat(schedule.due(1000)).isEqualTo(Action.CONNECT);
        schedule.connecting();
        schedule.closed(1000);
        assertThat(schedule.nextAttemptAt()).isEqualTo(3000);
        schedule.connecting();
        schedule.opened(3000);
        schedule.frame(3100, false);
        schedule.closed(3200);
        // a ping is no proof the stream works: the backoff went on growing
        assertThat(schedule.nextAttemptAt()).isEqualTo(3200 + 4000);

        schedule.connecting();
        schedule.opened(7200);
        schedule.frame(7300, true);
        schedule.closed(7400);
        assertThat(schedule.nextAttemptAt()).isEqualTo(7400 + 1000);
    }

    @Test
    void aConnectionIsReplacedBeforeTheDailyCutOffAtOnce() {
        schedule.connecting();
        schedule.opened(0);
        for (long t = 3 * MINUTE; t < 23 * HOUR; t += 3 * MINUTE) {
            schedule.frame(t, false);
            assertThat(schedule.due(t)).as("at %d ms", t).isEqualTo(Action.NONE);
        }
        assertThat(schedule.due(23 * HOUR)).isEqualTo(Action.RECYCLE);

        schedule.recycled(23 * HOUR);

        assertThat(schedule.due(23 * HOUR)).isEqualTo(Action.CONNECT);
    }

    @Test
    void aConnectionSilentForTheIdleTimeoutIsDead() {
        schedule.connecting();
        schedule.opened(0);
        schedule.frame(MINUTE, true);

        assertThat(schedule.due(MINUTE + 7 * MINUTE - 1)).isEqualTo(Action.NONE);
        assertThat(schedule.due(MINUTE + 7 * MINUTE)).isEqualTo(Action.DEAD);
    }
}
