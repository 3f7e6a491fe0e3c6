package io.quantstream.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.TestTrades;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * A partition's watermark follows the event times of its decoded records: a record that did not
 * decode (say, with a producer's clock of today as its Kafka timestamp) neither moves it nor keeps
 * the partition from going idle.
 */
class DecodedWatermarksTest {

    private static final long TRADE_TIME = 1_721_347_100_000L;
    private static final long TODAY = 1_780_000_000_000L;

    private final ManualClock clock = new ManualClock(Duration.ofSeconds(1).toNanos());
    private final Output output = new Output();
    private final WatermarkStrategy<Decoded<Trade>> strategy =
            DecodedWatermarks.of(JsonRecords.TRADES, Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final WatermarkGenerator<Decoded<Trade>> generator =
            strategy.createWatermarkGenerator(new Context(clock));
    private final TimestampAssigner<Decoded<Trade>> timestamps =
            strategy.createTimestampAssigner(() -> new UnregisteredMetricsGroup());

    @Test
    void aTradeTakesItsTradeTimeAndTheWatermarkTrailsItByTheOutOfOrdernessAndOneMillisecond() {
        Decoded<Trade> trade = trade();
        long timestamp = timestamps.extractTimestamp(trade, TODAY);
        generator.onEvent(trade, timestamp, output);
        generator.onPeriodicEmit(output);

        assertThat(timestamp).isEqualTo(TRADE_TIME);
        assertThat(output.watermarks).containsExactly(TRADE_TIME - 1000 - 1);
    }

    @Test
    void aDeadLetterKeepsItsKafkaTimestampAndDoesNotMoveTheWatermark() {
        generator.onEvent(trade(), TRADE_TIME, output);
        Decoded<Trade> bad = deadLetter();
        long timestamp = timestamps.extractTimestamp(bad, TODAY);
        generator.onEvent(bad, timestamp, output);
        generator.onPeriodicEmit(output);

        assertThat(timestamp).isEqualTo(TODAY);
        assertThat(output.watermarks).containsExactly(TRADE_TIME - 1000 - 1);
    }

    @Test
    void aPartitionWithOnlyDeadLettersForTheIdlenessGoesIdle() {
        generator.onEvent(trade(), TRADE_TIME, output);
        generator.onPeriodicEmit(output);
        for (int second = 0; second < 10; second++) {
            clock.advanceTime(Duration.ofSeconds(1));
            generator.onEvent(deadLetter(), TODAY, output);
            generator.onPeriodicEmit(output);
        }

        assertThat(output.idle).as("idle after 5 s of dead letters only").isTrue();
    }

    private static Decoded<Trade> trade() {
        Trade t = TestTrades.trade(Market.USDM, "BTCUSDT", 1, 1, 1, TRADE_TIME, "64000.10",
                "0.002", false);
        return JsonRecords.TRADES.decode(JsonRecords.TRADES.value(t), "test", TRADE_TIME);
    }

    private static Decoded<Trade> deadLetter() {
        Decoded<Trade> d = JsonRecords.TRADES.decode(
                "{\"symbol\":".getBytes(StandardCharsets.UTF_8), "test", TODAY);
        assertThat(d.deadLetter).isNotNull();
        return d;
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }

    private record Context(RelativeClock clock) implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return clock;
        }
    }
}
