package io.quantstream.connectors.binance.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.testing.SharedData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The {@code @trade} messages of the real USD-M websocket captures in {@code ../shared/data}, as
 * the aggregate trades a live exchange would stream: one raw trade per aggTrade, {@code a = f = l
 * = t}. Read once per symbol, in capture order (ids are gap-free across the two files).
 */
public final class CaptureTrades {

    /** One trade as the exchange prints it. */
    public record CapturedTrade(String symbol, long id, String price, String quantity, long time, boolean buyerIsMaker) {

        /** The REST {@code aggTrades} entry. */
        public String restJson() {
            return "{\"a\":" + id + ",\"p\":\"" + price + "\",\"q\":\"" + quantity + "\",\"f\":" + id
                    + ",\"l\":" + id + ",\"T\":" + time + ",\"m\":" + buyerIsMaker + ",\"M\":true}";
        }

        /** The combined-stream {@code @aggTrade} message (USD-M: no {@code X}, with {@code nq}). */
        public String streamJson() {
            return "{\"stream\":\"" + symbol.toLowerCase() + "@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":"
                    + (time + 3) + ",\"a\":" + id + ",\"s\":\"" + symbol + "\",\"p\":\"" + price
                    + "\",\"q\":\"" + quantity + "\",\"nq\":\"" + quantity + "\",\"f\":" + id + ",\"l\":" + id
                    + ",\"T\":" + time + ",\"m\":" + buyerIsMaker + "}}";
        }

        /** What the source must deliver for it, as text: id, price, quantity, time, side. */
        public String expected() {
            return id + " " + price + " " + quantity + " " + time + " " + buyerIsMaker;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptureTrades() {}

    /** BTCUSDT's 10,701 trades. */
    public static List<CapturedTrade> btcusdt() {
        return read("BTCUSDT", "btcusdt");
    }

    /** ETHUSDT's 13,655 trades. */
    public static List<CapturedTrade> ethusdt() {
        return read("ETHUSDT", "ethusdt");
    }

    private static List<CapturedTrade> read(String symbol, String prefix) {
        List<CapturedTrade> trades = new ArrayList<>();
        String stream = "\"stream\":\"" + prefix + "@trade\"";
        for (String day : List.of("20240718", "20240719")) {
            Path file = SharedData.require("binance/ws/usdm/" + prefix + "_" + day + ".gz");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.contains(stream)) {
                        continue;
                    }
                    JsonNode data = JSON.readTree(line.substring(line.indexOf('{'))).get("data");
                    trades.add(new CapturedTrade(symbol, data.get("t").asLong(), data.get("p").asText(),
                            data.get("q").asText(), data.get("T").asLong(), data.get("m").asBoolean()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return trades;
    }
}
