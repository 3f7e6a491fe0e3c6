package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

class BinanceLineParserTest {

    @Test
    void usdmTradeInAnEnvelopeWithReceiveTime() {
        Trade t = trade(ws(1, "1721347021434994132 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\","
                + "\"E\":1721347022956,\"T\":1721347022956,\"s\":\"BTCUSDT\",\"t\":5182005737,"
                + "\"p\":\"63943.90\",\"q\":\"0.003\",\"X\":\"MARKET\",\"m\":true}}", Market.USDM));

        assertThat(t.symbol).isEqualTo("BTCUSDT");
        assertThat(t.market).isEqualTo(Market.USDM);
        assertThat(t).extracting(x -> x.aggTradeId, x -> x.firstTradeId, x -> x.lastTradeId, x -> x.tradeTime)
                .containsExactly(5182005737L, 5182005737L, 5182005737L, 1721347022956L);
        assertThat(t.price).isEqualTo(new BigDecimal("63943.90"));
        assertThat(t.quantity).isEqualTo(new BigDecimal("0.003"));
        assertThat(t.buyerIsMaker).isTrue();
        assertThat(t.executionType).isEqualTo("MARKET");
    }

    @Test
    void bareSpotTradeHasNoExecutionType() {
        Trade t = trade(ws(1, "{\"e\":\"trade\",\"E\":1,\"s\":\"bnbbtc\",\"t\":12345,\"p\":\"0.001\","
                + "\"q\":\"100\",\"T\":123456785,\"m\":false,\"M\":true}", Market.SPOT));

        assertThat(t.symbol).isEqualTo("BNBBTC");
        assertThat(t.executionType).isNull();
        assertThat(t.buyerIsMaker).isFalse();
        assertThat(t.tradeCount()).isEqualTo(1);
    }

    @Test
    void aggTradeBareAndInEnvelope() {
        String data = "{\"e\":\"aggTrade\",\"E\":123456789,\"s\":\"BTCUSDT\",\"a\":5933014,\"p\":\"0.001\","
                + "\"q\":\"100\",\"nq\":\"100\",\"f\":100,\"l\":105,\"T\":123456785,\"m\":true}";

        for (String text : new String[] {data, "{\"stream\":\"btcusdt@aggTrade\",\"data\":" + data + "}"}) {
            Trade t = trade(ws(1, text, null));
            assertThat(t).extracting(x -> x.aggTradeId, x -> x.firstTradeId, x -> x.lastTradeId, x -> x.tradeTime)
                    .containsExactly(5933014L, 100L, 105L, 123456785L);
            assertThat(t.tradeCount()).isEqualTo(6);
            assertThat(t.market).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 {\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"b\":[[\"1\",\"2\"]]}}",
        "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\"}}",
        "{\"e\":\"kline\",\"k\":{}}",
        "{\"result\":null,\"id\":1}",
        "{\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"b\":[[\"1\",\"2\"]"
    })
    void otherStreamsAreSkippedWithoutParsing(String text) {
        assertThat(BinanceLineParser.parse(ws(1, text, Market.USDM)).kind()).isEqualTo(DecodeResult.Kind.SKIPPED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all | malformed",
        "{\"e\":\"trade\",\"s\":\"X\",\"t\":1,\"p\":\"1\" | malformed",
        "{\"e\":\"trade\",\"s\":\"X\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true} trailing | malformed",
        "{\"e\":\"trade\",\"s\":\"X\",\"t\":1,\"p\":\"abc\",\"q\":\"1\",\"T\":1,\"m\":true} | bad-number",
        "{\"e\":\"trade\",\"s\":\"X\",\"t\":\"x1\",\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true} | bad-number",
        "{\"e\":\"trade\",\"s\":\"X\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":\"yes\"} | bad-boolean",
        "{\"e\":\"trade\",\"s\":\"X\",\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true} | missing-field",
        "{\"e\":\"aggTrade\",\"s\":\"X\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"l\":1,\"T\":1,\"m\":true} | missing-field",
    })
    void badTradeMessagesBecomeDeadLetters(String text, String reason) {
        DeadLetter d = deadLetter(ws(7, text, Market.USDM));

        assertThat(d.reason).isEqualTo(reason);
        assertThat(d.stage).isEqualTo("decode");
        assertThat(d.origin).isEqualTo("/data/capture.gz:7");
        assertThat(d.raw).isEqualTo(text);
        assertThat(d.detail).isNotBlank();
    }

    @Test
    void aggTradesCsvWithHeaderOnLineOne() {
        RawLine header = csv(RecordFormat.AGG_TRADES_CSV, 1,
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker");
        RawLine row = csv(RecordFormat.AGG_TRADES_CSV, 2, "480537903,79972.8,542.0,1123474160,1123474164,1778198400020,false");
        RawLine withBestMatch = csv(RecordFormat.AGG_TRADES_CSV, 1, "1,2.50,3,4,4,1700000000000,True,True");

        assertThat(BinanceLineParser.parse(header).kind()).isEqualTo(DecodeResult.Kind.HEADER);
        Trade t = trade(row);
        assertThat(t).extracting(x -> x.symbol, x -> x.market, x -> x.aggTradeId, x -> x.firstTradeId,
                        x -> x.lastTradeId, x -> x.tradeTime, x -> x.buyerIsMaker, x -> x.executionType)
                .containsExactly("BTCUSD_PERP", Market.COINM, 480537903L, 1123474160L, 1123474164L,
                        1778198400020L, false, null);
        assertThat(t.price.toPlainString()).isEqualTo("79972.8");
        assertThat(t.quantity.toPlainString()).isEqualTo("542.0");
        assertThat(trade(withBestMatch).buyerIsMaker).isTrue();
    }

    @Test
    void tradesCsvWithMicroseconds() {
        Trade t = trade(csv(RecordFormat.TRADES_CSV, 1, "4921340001,96500.01,0.00010,9.650001,1735689600123456,False,True"));

        assertThat(t).extracting(x -> x.aggTradeId, x -> x.firstTradeId, x -> x.lastTradeId, x -> x.tradeTime)
                .containsExactly(4921340001L, 4921340001L, 4921340001L, 1735689600123L);
        assertThat(t.quantity.toPlainString()).isEqualTo("0.00010");
    }

    @Test
    void klinesCsvInMicrosecondsBecomeMilliseconds() {
        Kline k = kline(csv(RecordFormat.KLINES_CSV, 1, "1778198400000000,80006.00000000,80142.84000000,"
                + "79729.72000000,79831.99000000,958.06006000,1778201999999999,76636658.96208970,67626,"
                + "559.85461000,44801546.15802500,0"));

        assertThat(k).extracting(x -> x.symbol, x -> x.market, x -> x.interval, x -> x.openTime, x -> x.closeTime, x -> x.count)
                .containsExactly("BTCUSD_PERP", Market.COINM, "1h", 1778198400000L, 1778201999999L, 67626L);
        assertThat(k.quoteVolume.toPlainString()).isEqualTo("76636658.96208970");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2 | agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker | bad-number",
        "1 | 1,2,3,4,5,6 | field-count",
        "3 | 1,2,3,4,5,6,true,true,true | field-count",
        "3 | 1,2.5.1,3,4,5,6,true | bad-number",
        "3 | 1,2,3,4,5,,true | bad-number",
        "3 | 1,2,3,4,5,6,yes | bad-boolean",
        "3 | '' | field-count",
    })
    void badCsvRowsBecomeDeadLetters(long lineNumber, String text, String reason) {
        DeadLetter d = deadLetter(csv(RecordFormat.AGG_TRADES_CSV, lineNumber, text));

        assertThat(d.reason).isEqualTo(reason);
        assertThat(d.origin).isEqualTo("/data/file.zip:" + lineNumber);
    }

    @Test
    void readErrorBecomesADeadLetter() {
        RawLine line = csv(RecordFormat.KLINES_CSV, 9, null);
        line.error = "java.io.EOFException: Unexpected end of ZLIB input stream";

        DeadLetter d = deadLetter(line);

        assertThat(d).extracting(x -> x.stage, x -> x.reason, x -> x.detail, x -> x.origin, x -> x.raw)
                .containsExactly("decode", "read-error", line.error, "/data/file.zip:9", null);
    }

    @Test
    void businessRulesAreNotChecked() {
        Trade t = trade(csv(RecordFormat.AGG_TRADES_CSV, 2, "5,-1,0,9,3,0,false"));

        assertThat(t.price).isEqualTo(new BigDecimal("-1"));
        assertThat(t.lastTradeId).isLessThan(t.firstTradeId);
    }

    @Test
    void fundingRateRowKeepsTheRateExactAndTheTimeAsPrinted() {
        RawLine header = csv(RecordFormat.FUNDING_RATE_CSV, 1, "calc_time,funding_interval_hours,last_funding_rate");
        DecodeResult r = BinanceLineParser.parse(csv(RecordFormat.FUNDING_RATE_CSV, 5, "1775088000003,8,0.00003521"));

        assertThat(BinanceLineParser.parse(header).kind()).isEqualTo(DecodeResult.Kind.HEADER);
        assertThat(r.kind()).as("%s", r).isEqualTo(DecodeResult.Kind.FUNDING_RATE);
        assertThat(r.fundingRate().calcTime).isEqualTo(1775088000003L);
        assertThat(r.fundingRate().fundingIntervalHours).isEqualTo(8);
        assertThat(r.fundingRate().lastFundingRate).isEqualTo(new BigDecimal("0.00003521"));
        assertThat(deadLetter(csv(RecordFormat.FUNDING_RATE_CSV, 2, "1775088000003,0,0.0001")).reason)
                .isEqualTo("bad-number");
    }

    private static RawLine ws(long lineNumber, String text, Market market) {
        return line("/data/capture.gz", lineNumber, RecordFormat.WS_JSON, null, market, null, text);
    }

    private static RawLine csv(RecordFormat format, long lineNumber, String text) {
        return line("/data/file.zip", lineNumber, format, "BTCUSD_PERP", Market.COINM,
                format == RecordFormat.KLINES_CSV ? "1h" : null, text);
    }

    private static RawLine line(String origin, long lineNumber, RecordFormat format, String symbol,
            Market market, String interval, String text) {
        RawLine line = new RawLine();
        line.origin = origin;
        line.lineNumber = lineNumber;
        line.format = format;
        line.symbol = symbol;
        line.market = market;
        line.interval = interval;
        line.text = text;
        return line;
    }

    private static Trade trade(RawLine line) {
        DecodeResult r = BinanceLineParser.parse(line);
        assertThat(r.kind()).as("%s", r).isEqualTo(DecodeResult.Kind.TRADE);
        return r.trade();
    }

    private static Kline kline(RawLine line) {
        DecodeResult r = BinanceLineParser.parse(line);
        assertThat(r.kind()).as("%s", r).isEqualTo(DecodeResult.Kind.KLINE);
        return r.kline();
    }

    private static DeadLetter deadLetter(RawLine line) {
        DecodeResult r = BinanceLineParser.parse(line);
        assertThat(r.kind()).as("%s", r).isEqualTo(DecodeResult.Kind.DEAD_LETTER);
        return r.deadLetter();
    }
}
