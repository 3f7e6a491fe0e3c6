package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;
import io.quantstream.model.UnscoredSymbol;
import io.quantstream.testing.TestTrades;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Values, keys and timestamps of the topics; a value that does not decode is a dead letter. */
class JsonRecordsTest {

    private static final String ORIGIN = "kafka:klines/1@7";
    private static final long TIMESTAMP = 1_721_260_859_999L;

    @Test
    void decimalsAreWrittenAsPlainNumbersAndReadBackWithEveryDigitAndTrailingZero() {
        Kline k = kline();
        String json = text(JsonRecords.KLINES.value(k));

        Kline back = decoded(json);

        assertThat(json).contains("\"open\":67000.10,", "\"low\":0.00000001,",
                "\"volume\":123456789012.123456789012,", "\"takerBuyVolume\":0.00000000,");
        assertThat(back).isEqualTo(k);
        assertThat(back.open.toPlainString()).isEqualTo("67000.10");
        assertThat(back.low.toPlainString()).isEqualTo("0.00000001");
        assertThat(back.volume.toPlainString()).isEqualTo("123456789012.123456789012");
        assertThat(back.takerBuyVolume.toPlainString()).isEqualTo("0.00000000");
        assertThat(back.quoteVolume).isEqualTo(new BigDecimal("100")); // scale 0 stays 0
    }

    @Test
    void aDecimalGivenAsAStringIsReadExactly() {
        String json = text(JsonRecords.KLINES.value(kline())).replace("\"open\":67000.10", "\"open\":\"67000.10\"");
        assertThat(decoded(json).open.toPlainString()).isEqualTo("67000.10");
    }

    @Test
    void aFactorWarmingUpKeepsItsNaN() {
        FactorVector f = new FactorVector();
        f.symbol = "BTCUSDT";
        f.market = Market.USDM;
        f.interval = "1h";
        f.openTime = 0;
        f.closeTime = 3_599_999;
        f.close = new BigDecimal("1.50");
        f.names = new String[] {"ema_20", "rsi_14"};
        f.values = new double[] {Double.NaN, 61.25};

        String json = text(JsonRecords.FACTORS.value(f));
        FactorVector back = JsonRecords.FACTORS.decode(json.getBytes(StandardCharsets.UTF_8), ORIGIN, 0).value;

        assertThat(json).contains("\"values\":[\"NaN\",61.25]");
        assertThat(back.values).containsExactly(Double.NaN, 61.25);
        assertThat(back.close.toPlainString()).isEqualTo("1.50");
    }

    @Test
    void everyTypeReadsBackAsItWasWritten() {
        Trade t = TestTrades.trade(Market.USDM, "ETHUSDT", 9, 20, 22, 1_721_260_800_123L,
                "3400.10", "0.0010", false);
        t.executionType = "MARKET";
        CrossSection c = new CrossSection();
        c.universe = "majors";
        c.interval = "1h";
        c.closeTime = 3_599_999;
        c.missing = new String[] {"SOLUSDT"};
        c.scores = new SymbolScore[] {new SymbolScore(Market.USDM, "BTCUSDT", -1.25, new BigDecimal("67000.10"))};
        c.unscored = new UnscoredSymbol[] {new UnscoredSymbol(Market.USDM, "ETHUSDT", "factor-not-finite", new BigDecimal("3400.00"))};
        TargetPosition p = new TargetPosition();
        p.time = 3_599_999;
        p.symbol = "BTCUSDT";
        p.market = Market.USDM;
        p.weight = -0.25;
        p.quantity = new BigDecimal("-0.37313433");
        p.reference = "xs-long-short";
        DeadLetter d = DeadLetter.of("validate", "non-positive-price", "price 0", "file:3", "{}", 5);

        assertRoundTrip(JsonRecords.TRADES, t);
        assertRoundTrip(JsonRecords.CROSS_SECTIONS, c);
        assertRoundTrip(JsonRecords.TARGET_POSITIONS, p);
        assertRoundTrip(JsonRecords.DEAD_LETTERS, d);
        assertThat(JsonRecords.CROSS_SECTIONS.key(c)).isEqualTo("majors|1h");
        assertThat(JsonRecords.TARGET_POSITIONS.key(p)).isEqualTo("xs-long-short|usdm:BTCUSDT");
    }

    @Test
    void controlCommandsDeltasAndActionsReadBackWithTheirKeys() {
        ControlCommand stop = ControlCommand.of("STOP", "xs-long-short", 1_721_260_859_999L, "desk", "news");
        ControlCommand global = ControlCommand.of("FLAT", null, 5, null, null);
        TargetDelta d = new TargetDelta();
        d.time = 3_599_999;
        d.market = Market.USDM;
        d.symbol = "BTCUSDT";
        d.reference = "xs-long-short";
        d.previousQuantity = new BigDecimal("0.50000000");
        d.quantity = new BigDecimal("-0.37313433");
        d.deltaQuantity = new BigDecimal("-0.87313433");
        d.price = new BigDecimal("67000.10");
        d.deltaNotional = d.deltaQuantity.multiply(d.price);
        ControlAction a = new ControlAction();
        a.time = 3_599_999;
        a.reference = "xs-long-short";
        a.action = "FLAT";
        a.scope = "*";
        a.commandTime = 5;
        a.outcome = "applied";
        a.changed = new String[] {"USDM:BTCUSDT"};

        assertRoundTrip(JsonRecords.CONTROL, stop);
        assertRoundTrip(JsonRecords.TARGET_DELTAS, d);
        assertRoundTrip(JsonRecords.CONTROL_ACTIONS, a);
        assertThat(JsonRecords.CONTROL.key(stop)).isEqualTo("xs-long-short");
        assertThat(JsonRecords.CONTROL.key(global)).isEqualTo("*");
        assertThat(JsonRecords.CONTROL.timestamp(stop)).isEqualTo(1_721_260_859_999L);
        assertThat(JsonRecords.TARGET_DELTAS.key(d)).isEqualTo("xs-long-short|usdm:BTCUSDT");
        assertThat(text(JsonRecords.TARGET_DELTAS.value(d))).contains("\"previousTime\":null",
                "\"deltaNotional\":-58500.0874234330"); // 0.87313433 × 67000 + 0.87313433 × 0.1
        assertThat(JsonRecords.CONTROL_ACTIONS.key(a)).isEqualTo("xs-long-short");
    }

    /** A command without a time or with an unknown action decodes: the portfolio stage rejects it. */
    @Test
    void aControlCommandWithoutATimeDecodesForThePortfolioStageToReject() {
        Decoded<ControlCommand> noTime = JsonRecords.CONTROL.decode(
                "{\"action\":\"HALT\",\"reference\":\"*\"}".getBytes(StandardCharsets.UTF_8), ORIGIN, 0);
        Decoded<ControlCommand> textTime = JsonRecords.CONTROL.decode(
                "{\"action\":\"STOP\",\"time\":\"now\"}".getBytes(StandardCharsets.UTF_8), ORIGIN, 0);

        assertThat(noTime.value.time).isNull();
        assertThat(noTime.value.action).isEqualTo("HALT");
        assertThat(JsonRecords.CONTROL.timestamp(noTime.value)).isNull();
        assertThat(textTime.deadLetter.reason).isEqualTo("bad-value");
        assertThat(textTime.deadLetter.detail).startsWith("time: ");
    }

    /** Read back, written again: the same JSON text (the model classes have no equals). */
    private static <T> void assertRoundTrip(JsonRecords<T> records, T record) {
        byte[] value = records.value(record);
        Decoded<T> back = records.decode(value, ORIGIN, TIMESTAMP);
        assertThat(back.deadLetter).isNull();
        assertThat(text(records.value(back.value))).isEqualTo(text(value));
    }

    @Test
    void keysAreInstrumentsAndTimestampsEventTimes() {
        Trade t = new Trade();
        t.symbol = "BTCUSDT";
        t.market = Market.USDM;
        t.tradeTime = 1_721_260_800_123L;
        DeadLetter unknownTime = DeadLetter.of("decode", "malformed", "", "", "x", Long.MIN_VALUE);

        assertThat(JsonRecords.TRADES.key(t)).isEqualTo("usdm:BTCUSDT");
        assertThat(JsonRecords.TRADES.timestamp(t)).isEqualTo(1_721_260_800_123L);
        assertThat(JsonRecords.KLINES.key(kline())).isEqualTo("spot:BTCUSDT");
        assertThat(JsonRecords.KLINES.timestamp(kline())).isEqualTo(1_721_260_859_999L);
        assertThat(JsonRecords.DEAD_LETTERS.timestamp(unknownTime)).isNull();
    }

    @Test
    void unknownFieldsOfANewerWriterAreIgnored() {
        String json = text(JsonRecords.KLINES.value(kline())).replace("{", "{\"venue\":\"binance\",");
        assertThat(decoded(json)).isEqualTo(kline());
    }

    @Test
    void textThatIsNotJsonIsMalformed() {
        DeadLetter d = rejected("{\"symbol\":\"BTCUSDT\",");
        assertThat(d.stage).isEqualTo("decode");
        assertThat(d.reason).isEqualTo("malformed");
        assertThat(d.origin).isEqualTo(ORIGIN);
        assertThat(d.raw).isEqualTo("{\"symbol\":\"BTCUSDT\",");
        assertThat(d.eventTime).isEqualTo(TIMESTAMP);
    }

    @Test
    void jsonThatIsNotOneObjectIsMalformed() {
        assertThat(rejected("[1,2]").reason).isEqualTo("malformed");
        assertThat(rejected("[1,2]").detail).isEqualTo("not a JSON object");
        assertThat(rejected(text(JsonRecords.KLINES.value(kline())) + " {}").reason).isEqualTo("malformed");
    }

    @Test
    void aMissingNumberFieldIsMissingRatherThanZero() {
        String json = text(JsonRecords.KLINES.value(kline())).replace("\"openTime\":1721260800000,", "");
        DeadLetter d = rejected(json);
        assertThat(d.reason).isEqualTo("missing-field");
        assertThat(d.detail).isEqualTo("openTime");
    }

    @Test
    void aValueThatDoesNotFitItsFieldIsABadValueNamingTheField() {
        String base = text(JsonRecords.KLINES.value(kline()));
        DeadLetter text = rejected(base.replace("\"openTime\":1721260800000", "\"openTime\":\"soon\""));
        DeadLetter fraction = rejected(base.replace("\"count\":42", "\"count\":42.5"));
        DeadLetter market = rejected(base.replace("\"market\":\"SPOT\"", "\"market\":\"MOON\""));
        DeadLetter price = rejected(base.replace("\"open\":67000.10", "\"open\":\"cheap\""));
        DeadLetter nullTime = rejected(base.replace("\"closeTime\":1721260859999", "\"closeTime\":null"));

        assertThat(text.reason).isEqualTo("bad-value");
        assertThat(text.detail).startsWith("openTime: ");
        assertThat(fraction.detail).startsWith("count: ");
        assertThat(market.detail).startsWith("market: ");
        assertThat(price.detail).startsWith("open: ");
        assertThat(nullTime.detail).startsWith("closeTime: ");
        assertThat(java.util.List.of(fraction, market, price, nullTime)).allMatch(d -> d.reason.equals("bad-value"));
    }

    @Test
    void anEmptyValueOrTombstoneIsADeadLetter() {
        assertThat(JsonRecords.KLINES.decode(null, ORIGIN, TIMESTAMP).deadLetter.reason).isEqualTo("empty-value");
        assertThat(JsonRecords.KLINES.decode(new byte[0], ORIGIN, TIMESTAMP).deadLetter.reason).isEqualTo("empty-value");
    }

    static Kline kline() {
        Kline k = new Kline();
        k.symbol = "BTCUSDT";
        k.market = Market.SPOT;
        k.interval = "1m";
        k.openTime = 1_721_260_800_000L;
        k.closeTime = 1_721_260_859_999L;
        k.open = new BigDecimal("67000.10");
        k.high = new BigDecimal("67010.00");
        k.low = new BigDecimal("0.00000001");
        k.close = new BigDecimal("67005.5");
        k.volume = new BigDecimal("123456789012.123456789012");
        k.quoteVolume = new BigDecimal("100");
        k.count = 42;
        k.takerBuyVolume = new BigDecimal("0E-8");
        k.takerBuyQuoteVolume = new BigDecimal("1234.5678901234567890");
        k.tradeStats = new TradeStats();
        k.tradeStats.add(new BigDecimal("0.00000001"), new BigDecimal("0.00067005500000000"), 3,
                true, 0);
        k.tradeStats.add(new BigDecimal("123456789012.12345678"), new BigDecimal("99.99"), 39,
                false, 3);
        return k;
    }

    private static Kline decoded(String json) {
        Decoded<Kline> d = JsonRecords.KLINES.decode(json.getBytes(StandardCharsets.UTF_8), ORIGIN, TIMESTAMP);
        assertThat(d.deadLetter).isNull();
        return d.value;
    }

    private static DeadLetter rejected(String json) {
        Decoded<Kline> d = JsonRecords.KLINES.decode(json.getBytes(StandardCharsets.UTF_8), ORIGIN, TIMESTAMP);
        assertThat(d.value).isNull();
        return d.deadLetter;
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
