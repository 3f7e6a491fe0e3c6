package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming decoder of {@code trades} values takes what the project writes and any value of
 * the trade's JSON types, giving data binding's trade; whatever it leaves to data binding, {@link
 * JsonRecords#TRADES} decodes (or rejects, with the reason) exactly as data binding alone does.
 */
class TradeJsonParserTest {

    /** The same records read by Jackson's data binding only (the path every value took before). */
    private static final JsonRecords<Trade> DATA_BINDING =
            new JsonRecords<>(Trade.class, t -> "", t -> t.tradeTime);

    private static final String PRIMITIVES =
            "\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true";

    @Test
    void aTradeAsTheProjectWritesItDecodesInOnePassToTheSameValues() {
        Trade t = new Trade();
        t.symbol = "ETHUSDT";
        t.market = Market.USDM;
        t.aggTradeId = 9;
        t.firstTradeId = 20;
        t.lastTradeId = 22;
        t.price = new BigDecimal("3400.10");
        t.quantity = new BigDecimal("0.0010");
        t.tradeTime = 1_721_260_800_123L;
        t.buyerIsMaker = true;
        t.executionType = "MARKET";
        byte[] value = JsonRecords.TRADES.value(t);

        Trade fast = TradeJsonParser.decode(value);
        assertThat(fast).isNotNull();
        assertThat(fast.toString()).isEqualTo("ETHUSDT#9[20..22] 3400.10 x 0.0010 @1721260800123 m");
        assertThat(fast.price.scale()).isEqualTo(2);
        assertThat(fast.quantity.scale()).isEqualTo(4);
        assertThat(fast.market).isEqualTo(Market.USDM);
        assertThat(fast.executionType).isEqualTo("MARKET");
        assertThat(render(JsonRecords.TRADES.decode(value, "o", 5)))
                .isEqualTo(render(DATA_BINDING.decode(value, "o", 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " { \"tradeTime\" : 1721260800123 , \"buyerIsMaker\":false,\"aggTradeId\":1,\"firstTradeId\":2,"
                + "\"lastTradeId\":2,\"price\":-0.50,\"quantity\":0,\"symbol\":\"btcusdt\",\"market\":null,"
                + "\"venue\":\"binance\",\"nq\":12.5,\"flag\":true,\"none\":null}\n",
        "{" + PRIMITIVES + "}",
        "{" + PRIMITIVES + ",\"price\":3.4001E3,\"quantity\":1e-3}",
        "{" + PRIMITIVES + ",\"price\":42000.1234567890123456789}",
        "{" + PRIMITIVES + ",\"symbol\":\"BTC\\u0055SDT\"}",
        "{" + PRIMITIVES + ",\"symbol\":\"BTCÜSDT\"}",
        "{" + PRIMITIVES + ",\"extra\":{\"a\":[1,{\"aggTradeId\":7}]}}",
        "{\"aggTradeId\":1,\"aggTradeId\":3,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{" + PRIMITIVES + ",\"market\":\"COINM\",\"executionType\":null}",
    })
    void valuesOfTheTradesJsonTypesDecodeInOnePassAsDataBindingDecodesThem(String json) {
        byte[] value = bytes(json);
        assertThat(TradeJsonParser.decode(value)).isNotNull();
        assertThat(render(JsonRecords.TRADES.decode(value, "o", 5)))
                .isEqualTo(render(DATA_BINDING.decode(value, "o", 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + PRIMITIVES + ",\"price\":\"3400.10\"}",
        "{" + PRIMITIVES + ",\"price\":01.5}",
        "{" + PRIMITIVES + ",\"price\":1.}",
        "{" + PRIMITIVES + ",\"price\":true}",
        "{\"aggTradeId\":1.0,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":null,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":\"1\",\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":12345678901234567890,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":true}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":\"true\"}",
        "{\"aggTradeId\":1,\"firstTradeId\":2,\"lastTradeId\":2,\"tradeTime\":5,\"buyerIsMaker\":True}",
        "{" + PRIMITIVES + ",\"market\":\"usdm\"}",
        "{" + PRIMITIVES + ",\"market\":\"MOON\"}",
        "{" + PRIMITIVES + ",\"symbol\":[\"BTCUSDT\"]}",
        "{" + PRIMITIVES + "} {}",
        "{" + PRIMITIVES + ",}",
        "{" + PRIMITIVES,
        "{}", "[1,2]", "null", "not json", " "
    })
    void valuesOfAnyOtherShapeAreLeftToDataBindingAndDecodeOrFailAsBefore(String json) {
        byte[] value = bytes(json);
        assertThat(TradeJsonParser.decode(value)).isNull();
        assertThat(render(JsonRecords.TRADES.decode(value, "o", 5)))
                .isEqualTo(render(DATA_BINDING.decode(value, "o", 5)));
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
