package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input does not stop the job and is not lost: malformed lines, a negative price, an unknown
 * stream and a truncated gzip end up in the dead letters with a reason (or, for the unknown
 * stream, counted as skipped), and every good trade is in the klines.
 */
class BadInputITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @Test
    void badRecordsGoToDeadLettersAndGoodOnesToKlines(@TempDir Path in, @TempDir Path out)
            throws Exception {
        // archive aggTrades: header, 3 good trades, 3 bad lines (syntax, field count, negative price)
        Files.writeString(in.resolve("TESTUSDT-aggTrades-2024-01-01.csv"), String.join("\n",
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
                "100,42000.10,0.500,1000,1001,1704067200000,true",
                "101,42000.20,not-a-number,1002,1002,1704067201000,false",
                "102,42000.30,0.250,1003,1003",
                "103,-1.00,0.100,1004,1004,1704067202000,false",
                "104,42000.40,0.125,1005,1005,1704067203000,false",
                "105,42000.50,1.000,1006,1008,1704067261000,true") + "\n");
        // websocket capture without extension: a good aggTrade, an unknown stream, broken JSON
        Files.writeString(in.resolve("capture_testusdt"), String.join("\n",
                "{\"stream\":\"ethbtc@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1704067200100,"
                        + "\"s\":\"ETHBTC\",\"a\":7,\"p\":\"0.05500\",\"q\":\"2.0\",\"f\":70,\"l\":71,"
                        + "\"T\":1704067200050,\"m\":false}}",
                "{\"stream\":\"ethbtc@bookTicker\",\"data\":{\"u\":1,\"s\":\"ETHBTC\",\"b\":\"0.05\","
                        + "\"B\":\"1\",\"a\":\"0.06\",\"A\":\"1\"}}",
                "{\"stream\":\"ethbtc@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"s\":\"ETHB") + "\n");
        // a capture cut off in the middle of its gzip stream
        byte[] gz = Files.readAllBytes(SharedData.require("binance/ws/usdm/btcusdt_20240719.gz"));
        byte[] truncated = Arrays.copyOf(gz, gz.length * 6 / 10);
        Files.write(in.resolve("btcusdt_truncated.gz"), truncated);

        JobConfig config = new JobConfig();
        config.input.paths = List.of(in.toString());
        config.input.market = "usdm";
        config.output = out.toString();
        FileJobRuns.run(config);

        List<JsonNode> deadLetters = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve(FileSinks.DEAD_LETTERS + ".jsonl"))) {
            deadLetters.add(json.readTree(line));
        }
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.path("reason").asText()).isNotBlank();
            assertThat(d.path("origin").asText()).isNotBlank();
        });
        assertThat(deadLetters).filteredOn(d -> d.path("origin").asText().contains("TESTUSDT"))
                .extracting(d -> d.path("stage").asText()).containsExactlyInAnyOrder(
                        "decode", "decode", "validate");
        assertThat(deadLetters).filteredOn(d -> d.path("origin").asText().contains("capture_testusdt"))
                .hasSize(1);
        assertThat(deadLetters).filteredOn(d -> d.path("origin").asText().contains("btcusdt_truncated"))
                .extracting(d -> d.path("stage").asText()).contains("decode");

        assertThat(countSum(out.resolve("TESTUSDT-1m.csv"))).isEqualTo(2 + 1 + 3);
        assertThat(countSum(out.resolve("ETHBTC-1m.csv"))).isEqualTo(2);
        assertThat(countSum(out.resolve("BTCUSDT-1m.csv")))
                .isEqualTo(marketTradesBeforeTruncation(truncated));
    }

    /** Sum of the {@code count} column of a kline CSV file. */
    private static long countSum(Path klines) throws IOException {
        return KlineVerifier.rows(klines).values().stream().mapToLong(r -> Long.parseLong(r[8])).sum();
    }

    /** Independent count: complete {@code @trade} lines with X=MARKET a plain gzip reader gets. */
    private static long marketTradesBeforeTruncation(byte[] truncated) throws IOException {
        long trades = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(truncated)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains("@trade\"") && line.contains("\"X\":\"MARKET\"")) {
                    trades++;
                }
            }
        } catch (EOFException expected) {
            // the truncation point
        }
        return trades;
    }
}
