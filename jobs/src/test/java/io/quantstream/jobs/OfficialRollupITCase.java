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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official spot BTCUSDT 1m klines of 2023-01-21 roll up exactly to Binance's official 3m … 1d
 * files of that day, every bar, every field.
 */
class OfficialRollupITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final List<String> INTERVALS =
            List.of("3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d");
    private static final String DAILY = "binance/vision/spot/daily/klines/BTCUSDT/";

    @Test
    void oneMinuteKlinesRollUpToEveryOfficialInterval(@TempDir Path out) throws Exception {
        Path oneMinute = SharedData.require(DAILY + "1m/BTCUSDT-1m-2023-01-21.csv");

        JobConfig config = new JobConfig();
        config.mode = "batch";
        config.input.paths = List.of(oneMinute.toString());
        config.klines.intervals = INTERVALS;
        config.output = out.toString();
        FileJobRuns.run(config);

        for (String interval : INTERVALS) {
            Map<Long, String[]> expected = KlineVerifier.rows(SharedData.require(
                    DAILY + interval + "/BTCUSDT-" + interval + "-2023-01-21.csv"));
            Map<Long, String[]> actual = KlineVerifier.rows(out.resolve("BTCUSDT-" + interval + ".csv"));
            assertThat(actual.keySet()).as(interval).containsExactlyElementsOf(expected.keySet());
            expected.forEach((open, row) -> assertThat(KlineVerifier.differences(row, actual.get(open)))
                    .as("%s bar %d", interval, open).isEmpty());
        }
    }
}
