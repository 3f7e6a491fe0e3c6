package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Klines of the real COIN-M BTCUSD_PERP aggTrades of 2026-05-08 (contracts of 100 USD) carry
 * base asset volumes in columns 7 and 10 — Σ contracts × 100 / price, 8 decimals — not
 * price × contracts. The expected values are computed here from the archive's rows of one minute
 * with plain {@code BigDecimal} arithmetic (40 significant digits per trade, rounded half-up to
 * 8 decimals at the end), independently of the kline stages.
 */
class CoinMarginedKlinesITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final String DAY = "binance/vision/futures/cm/daily/aggTrades/BTCUSD_PERP/"
            + "BTCUSD_PERP-aggTrades-2026-05-08.zip";
    /** 2026-05-08T14:18:00Z, the day's busiest minute: 843 aggTrades. */
    private static final long MINUTE = 1_778_249_880_000L;
    private static final BigDecimal CONTRACT = new BigDecimal("100");
    private static final MathContext DIGITS = new MathContext(40);

    @Test
    void baseAssetVolumesOfARealMinuteAreContractsTimesSizeOverPrice(@TempDir Path out)
            throws Exception {
        Path day = SharedData.require(DAY);
        JobConfig config = new JobConfig();
        config.mode = "batch";
        config.input.paths = List.of(day.toString()); // market from the folder: futures/cm
        config.output = out.toString();
        config.klines.intervals = List.of("1m", "5m");
        FileJobRuns.run(config);

        List<String[]> rows = archiveRows(day);
        List<String[]> minute = inMinute(rows, MINUTE);
        assertThat(minute).hasSize(843);
        BigDecimal contracts = BigDecimal.ZERO;
        BigDecimal takerBuyContracts = BigDecimal.ZERO;
        long count = 0;
        for (String[] r : minute) {
            contracts = contracts.add(new BigDecimal(r[2]));
            if (r[6].equals("false")) {
                takerBuyContracts = takerBuyContracts.add(new BigDecimal(r[2]));
            }
            count += Long.parseLong(r[4]) - Long.parseLong(r[3]) + 1;
        }

        String[] bar = KlineVerifier.rows(out.resolve("BTCUSD_PERP-1m.csv")).get(MINUTE);
        assertThat(bar).as("1m bar %d", MINUTE).isNotNull();
        assertThat(bar[7]).as("base asset volume, printed at 8 decimals")
                .isEqualTo(baseVolume(minute, false).toPlainString());
        assertThat(bar[10]).as("taker buy base asset volume")
                .isEqualTo(baseVolume(minute, true).toPlainString());
        assertThat(new BigDecimal(bar[5])).as("volume, contracts").isEqualByComparingTo(contracts);
        assertThat(new BigDecimal(bar[9])).isEqualByComparingTo(takerBuyContracts);
        assertThat(Long.parseLong(bar[8])).isEqualTo(count);
        assertThat(bar[1]).isEqualTo(minute.get(0)[1]);
        assertThat(bar[4]).isEqualTo(minute.get(minute.size() - 1)[1]);

        long fiveOpen = MINUTE - MINUTE % 300_000;
        BigDecimal fiveBase = BigDecimal.ZERO;
        for (long m = fiveOpen; m < fiveOpen + 300_000; m += 60_000) {
            fiveBase = fiveBase.add(baseVolume(inMinute(rows, m), false));
        }
        String[] five = KlineVerifier.rows(out.resolve("BTCUSD_PERP-5m.csv")).get(fiveOpen);
        assertThat(five[7]).as("5m: the exact sum of its 1m bars' base volumes")
                .isEqualTo(fiveBase.toPlainString());
        assertThat(Files.readAllLines(out.resolve("dead-letters.jsonl"))).isEmpty();
    }

    /** Σ contracts × 100 / price over the rows (taker buys only if asked), half-up to 8 decimals. */
    private static BigDecimal baseVolume(List<String[]> rows, boolean takerBuysOnly) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String[] r : rows) {
            if (!takerBuysOnly || r[6].equals("false")) {
                sum = sum.add(new BigDecimal(r[2]).multiply(CONTRACT)
                        .divide(new BigDecimal(r[1]), DIGITS));
            }
        }
        return sum.setScale(8, RoundingMode.HALF_UP);
    }

    private static List<String[]> inMinute(List<String[]> rows, long openTime) {
        List<String[]> minute = new ArrayList<>();
        for (String[] r : rows) {
            long time = Long.parseLong(r[5]);
            if (time >= openTime && time < openTime + 60_000) {
                minute.add(r);
            }
        }
        return minute;
    }

    /**
     * The archive's rows: agg_trade_id, price, quantity, first_trade_id, last_trade_id,
     * transact_time, is_buyer_maker.
     */
    private static List<String[]> archiveRows(Path zip) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            in.getNextEntry();
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }
}
