package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.TestTrades;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte decoder of {@code trades} values takes what the project writes and gives Jackson's
 * trade; whatever it leaves to Jackson, {@link JsonRecords#TRADES} decodes (or rejects, with the
 * reason) exactly as Jackson alone does.
 */
class TradeJsonTest {

    /** The same records read by Jackson only (the path every value took before). */
    private static final JsonRecords<Trade> JACKSON =
            new JsonRecords<>(Trade.class, t -> "", t -> t.tradeTime);

    @Test
    void aTradeAsTheProjectWritesItDecodesWithoutJacksonToTheSameValues() {
        Trade t = TestTrades.trade(Market.USDM, "ETHUSDT", 9, 20, 22, 1_721_260_800_123L,
                "3400.10", "0.0010", true);
        t.executionType = "MARKET";
        byte[] value = JsonRecords.TRADES.value(t);

        Trade fast = TradeJson.decode(value);
        assertThat(fast).isNotNull();
        assertThat(fast.toString()).isEqualTo("ETHUSDT#9[20..22] 3400.10 x 0.0010 @1721260800123 m");
        assertThat(fast.price.scale()).isEqualTo(2);
        assertThat(fast.quantity.scale()).isEqualTo(4);
        assertThat(fast.market).isEqualTo(Market.USDM);
        assertThat(fast.executionType).isEqualTo("MARKET");
        assertThat(render(JsonRecords.TRADES.decode(value, "o", 5))).isEqualTo(render(JACKSON.decode(value, "o", 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " { \"tradeTime\" : 1721260800123 , \"buyerIsMaker\":false,\"aggTradeId\":1,\"firstTradeId\":2,"
                + "\"lastTradeId\":2,\"price\":-0.50,\"quantity\":0,\"symbol\":\"btcusdt\",\"market\":null,"
                + "\"venue\":\"binance\",\"nq\":12.5,\"flag\":true,\"none\":null}\n",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
    })
    void reorderedSpacedAndExtraScalarFieldsStillTakeTheFastPath(String json) {
        byte[] value = bytes(json);
        assertThat(TradeJson.decode(value)).isNotNull();
        assertThat(render(JsonRecords.TRADES.decode(value, "o", 5))).isEqualTo(render(JACKSON.decode(value, "o", 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"price\":\"3400.10\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"price\":3.4001E3}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"price\":01.5}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"price\":42000.1234567890123456789}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"price\":1.}",
        "{\"aggTradeId\":1.0,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":null,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":\"1\",\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":12345678901234567890,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":1,\"aggTradeId\":3,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":\"true\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":True}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"market\":\"usdm\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"market\":\"MOON\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"symbol\":\"BTC\\u0055SDT\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"symbol\":\"BTCÜSDT\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,\"extra\":{\"a\":[1]}}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true} {}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true,}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true",
        "{}", "[1,2]", "null", "not json", " "
    })
    void valuesOfAnyOtherShapeAreLeftToJacksonAndDecodeOrFailAsBefore(String json) {
        byte[] value = bytes(json);
        assertThat(TradeJson.decode(value)).isNull();
        assertThat(render(JsonRecords.TRADES.decode(value, "o", 5))).isEqualTo(render(JACKSON.decode(value, "o", 5)));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A decoded trade with its decimals' scales, or the dead letter's stage, reason and detail. */
    private static String render(Decoded<Trade> d) {
        if (d.value == null) {
            DeadLetter l = d.deadLetter;
            return l.stage + " " + l.reason + " " + l.detail + " " + l.origin + " " + l.raw;
        }
        Trade t = d.value;
        return t + " " + t.market + " " + t.executionType + " "
                + (t.price == null ? "-" : t.price.scale()) + " " + (t.quantity == null ? "-" : t.quantity.scale());
    }
}
