package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BTCUSDT USD-M websocket capture (2024-07-18 23:57 → 00:05 UTC) aggregates to exactly the
 * official 1m klines for every complete minute (23:58 … 00:04), on every field.
 */
class CaptureKlinesITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final long FIRST_COMPLETE = 1721347080000L;
    private static final long LAST_COMPLETE = 1721347440000L;

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "batch"})
    void completeMinutesEqualOfficialKlines(String mode, @TempDir Path out) throws Exception {
        Path day1 = SharedData.require("binance/ws/usdm/btcusdt_20240718.gz");
        Path day2 = SharedData.require("binance/ws/usdm/btcusdt_20240719.gz");
        Path official = SharedData.require("binance/expected/BTCUSDT-1m-USDM-2024-07-18T2356.csv");

        JobConfig config = new JobConfig();
        config.mode = mode;
        config.input.paths = List.of(day1.toString(), day2.toString());
        config.input.market = "usdm";
        config.output = out.toString();
        FileJobRuns.run(config);

        Map<Long, String[]> expected = KlineVerifier.rows(official);
        Map<Long, String[]> actual = KlineVerifier.rows(out.resolve("BTCUSDT-1m.csv"));
        int compared = 0;
        for (long open = FIRST_COMPLETE; open <= LAST_COMPLETE; open += 60_000) {
            assertThat(actual).as("bar %d", open).containsKey(open);
            assertThat(KlineVerifier.differences(expected.get(open), actual.get(open)))
                    .as("bar %d", open).isEmpty();
            compared++;
        }
        assertThat(compared).isEqualTo(7);
    }
}
