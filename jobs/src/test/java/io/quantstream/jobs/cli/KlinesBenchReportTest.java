package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlinesBench;
import io.quantstream.jobs.bench.WholeProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of {@code bench klines --peer}: a row per side and ours against the peer. */
class KlinesBenchReportTest {

    @Test
    void printsEachSideWithItsFiguresAndTheRatioBesideThem() {
        // 10 M trades: ours 5 CPU-s (2 M per CPU-second), the peer 10 CPU-s (1 M)
        KlinesBench.Measured ours = measured("quantstream", "batch", "batch", 4.0, 5.0);
        KlinesBench.Measured peer = measured("peer", "duckdb", "csv -> klines", 8.0, 10.0);
        KlinesBench.Result result = new KlinesBench.Result("/tmp/d", 7, 10_000_000, 2, 2,
                new double[] {1.5, 2.5}, List.of(ours, peer),
                List.of(new KlinesBench.Ratio("batch", "duckdb", 2.0, 2.0)));
        StringWriter text = new StringWriter();

        KlinesBenchReport.print(new PrintWriter(text, true), result);

        assertThat(text.toString())
                .contains("load average 1.50 at the start, 2.50 at the end")
                .containsPattern("batch +4\\.00 +5\\.00 +2\\.50 M +2\\.00 M +900 +1\\.50  44/44")
                .containsPattern("peer duckdb \\(csv -> klines\\) +8\\.00 +10\\.00 +1\\.25 M +1\\.00 M")
                .containsPattern("batch +duckdb +2\\.00 \\(2\\.00\\)");
    }

    private static KlinesBench.Measured measured(String side, String name, String variant,
            double wall, double cpu) {
        WholeProcess.Usage usage = new WholeProcess.Usage(wall, cpu, 900, 1.5);
        return new KlinesBench.Measured(side, name, variant, List.of("cmd"),
                List.of(new KlinesBench.Run(usage, wall - 1, cpu - 1)),
                new KlinesBench.Figures(wall, cpu, 900, 1.5, 10_000_000 / wall, 10_000_000 / cpu),
                new KlinesBench.Verification(44, 44, true, List.of()));
    }
}
