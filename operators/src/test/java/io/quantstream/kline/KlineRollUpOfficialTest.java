package io.quantstream.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.RealKlines;
import io.quantstream.testing.SharedData;
import io.quantstream.testing.TestTrades;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The official 1m klines of spot BTCUSDT on 2023-01-21 roll up to the official 3m … 1d files. */
class KlineRollUpOfficialTest {

    private static final String DIR = "binance/vision/spot/daily/klines/BTCUSDT/";
    private static final List<String> BIGGER =
            List.of("3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d");

    @Test
    void rollUpEqualsTheOfficialFiles() throws Exception {
        List<Kline> minutes = read("1m");
        try (KeyedOneInputStreamOperatorTestHarness<String, Kline, Kline> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KlineRollUp(Interval.parseList(String.join(",", BIGGER))),
                        KlineStages::instrument, Types.STRING)) {
            TestTrades.disableGenericTypes(harness);
            harness.open();
            for (Kline k : minutes) {
                harness.processElement(k, k.closeTime);
            }
            harness.processWatermark(Long.MAX_VALUE);
            List<Kline> out = harness.extractOutputValues();
            for (String interval : BIGGER) {
                assertThat(out.stream().filter(k -> k.interval.equals(interval)))
                        .as(interval).containsExactlyElementsOf(read(interval));
            }
        }
    }

    private static List<Kline> read(String interval) throws Exception {
        String file = DIR + interval + "/BTCUSDT-" + interval + "-2023-01-21.csv";
        return Files.readAllLines(SharedData.require(file)).stream()
                .filter(line -> !line.isBlank())
                .map(line -> RealKlines.parse(line, Market.SPOT, "BTCUSDT", interval))
                .collect(Collectors.toList());
    }
}
