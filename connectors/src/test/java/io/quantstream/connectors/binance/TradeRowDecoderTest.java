package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte decoder of archive trade rows: hand-checked values for the rows it takes, and for the
 * rows it leaves to the text path (null), the text path's trade or dead letter; read through
 * {@link BinanceFileReader}, a file gives the same trades and dead letters as the text path.
 */
class TradeRowDecoderTest {

    private final TradeRowDecoder decoder = new TradeRowDecoder();

    @Test
    void aggTradeRowWithMicrosecondTimestampDecodesToMilliseconds() {
        Trade t = agg("26129,0.01633102,4.70443515,27781,27781,1736035200123456,true,true");

        assertThat(t).extracting(x -> x.aggTradeId, x -> x.firstTradeId, x -> x.lastTradeId,
                x -> x.tradeTime, x -> x.buyerIsMaker).containsExactly(26129L, 27781L, 27781L,
                1736035200123L, true);
        assertThat(t.price).isEqualTo(new BigDecimal("0.01633102")); // equals: value and scale
        assertThat(t.quantity).isEqualTo(new BigDecimal("4.70443515"));
        assertThat(t.symbol).isEqualTo("BTCUSDT");
        assertThat(t.market).isEqualTo(Market.SPOT);
    }

    @Test
    void sevenFieldFuturesRowAndTrailingZerosKeepTheirScale() {
        Trade t = agg("100,42000.10,0.500,1000,1001,1704067200000,false");

        assertThat(t.price.toString()).isEqualTo("42000.10");
        assertThat(t.quantity.toString()).isEqualTo("0.500");
        assertThat(t.tradeTime).isEqualTo(1704067200000L);
        assertThat(t.buyerIsMaker).isFalse();
    }

    @Test
    void tradesRowFillsAllThreeIdsAndChecksQuoteQuantity() {
        Trade t = decoder.decode(RecordFormat.TRADES_CSV, bytes("7,0.5,2,1.0,1704067200000,true"),
                0, 30, "ETHBTC", Market.SPOT);

        assertThat(t).extracting(x -> x.aggTradeId, x -> x.firstTradeId, x -> x.lastTradeId)
                .containsExactly(7L, 7L, 7L);
        assertThat(decoder.decode(RecordFormat.TRADES_CSV, bytes("7,0.5,2,x,1704067200000,true"),
                0, 30, "ETHBTC", Market.SPOT)).isNull();
    }

    @Test
    void negativeAndZeroQuantitiesDecodeAsPrintedForValidationToReject() {
        assertThat(agg("103,-1.00,0.100,1004,1004,1704067202000,false").price.toString())
                .isEqualTo("-1.00");
        assertThat(agg("103,1.00,-0.5,1004,1004,1704067202000,false").quantity.toString())
                .isEqualTo("-0.5");
        assertThat(agg("103,1.00,0,1004,1004,1704067202000,false").quantity.signum()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
        "101,42000.20,not-a-number,1002,1002,1704067201000,false",
        "102,42000.30,0.250,1003,1003",
        "102,42000.30,0.250,1003,1003,1704067201000,false,true,extra",
        "102,42000.30,0.250,1003,1003,1704067201000,False",
        "102,42000.30,0.250,1003,1003,1704067201000,false,",
        "102,42000.3.0,0.250,1003,1003,1704067201000,false",
        "102,4.2e4,0.250,1003,1003,1704067201000,false",
        "102,+42000,0.250,1003,1003,1704067201000,false",
        "-102,42000,0.250,1003,1003,1704067201000,false",
        "102,42000,0.250,,1003,1704067201000,false",
        "102,42000.1234567890123456789,0.250,1003,1003,1704067201000,false",
        "1234567890123456789,42000,0.250,1003,1003,1704067201000,false",
        " 102,42000,0.250,1003,1003,1704067201000,false",
        ""
    })
    void rowsNotOfThePlainShapeAreLeftToTheTextPath(String row) {
        assertThat(agg(row)).isNull();
        // the same row in a read buffer, its line end after it (the file source's path)
        for (String end : List.of("\n", "\r\n")) {
            byte[] b = bytes(row + end + "1,2.5,3,1,1,1704067200000,true\n");
            TradeBatch batch = new TradeBatch(2);
            assertThat(decoder.decodeRowInto(batch, RecordFormat.AGG_TRADES_CSV, b, 0, b.length))
                    .isEqualTo(-1);
            assertThat(batch.size).isZero();
        }
    }

    @Test
    void manyDecimalsThatDoNotFitALongComeExactThroughTheTextPath(@TempDir Path dir)
            throws IOException {
        List<RawLine> lines = read(dir, "1,2,3,1,1,1704067200000,true\n"
                + "2,42000.1234567890123456789,0.000000000000000000001,2,2,1704067200001,false\n");

        assertThat(lines.get(1).trade).isNull(); // left to the text path
        Trade t = BinanceLineParser.parse(lines.get(1)).trade();
        assertThat(t.price).isEqualTo(new BigDecimal("42000.1234567890123456789"));
        assertThat(t.quantity).isEqualTo(new BigDecimal("0.000000000000000000001"));
    }

    /** A file with a header, CRLF line ends, an empty line and bad rows: same trades and dead letters as text. */
    @Test
    void aFileDecodesAsTheTextPathDecodesItsLines(@TempDir Path dir) throws IOException {
        String content = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\r\n"
                + "100,42000.10,0.500,1000,1001,1704067200000,true\r\n"
                + "\r\n"
                + "101,42000.20,not-a-number,1002,1002,1704067201000,false\r\n"
                + "102,42000.30,0.250,1003,1003\r\n"
                + "103,-1.00,0.100,1004,1004,1704067202000,false\r\n"
                + "104,42000.40,0.125,1005,1005,1704067203000123,FALSE\r\n"
                + "105,42000.50,1.000,1006,1008,1704067261000,true"; // no line end at all
        List<RawLine> lines = read(dir, content);

        assertThat(lines).extracting(l -> l.lineNumber).containsExactly(1L, 2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(lines).extracting(l -> l.trade != null)
                .containsExactly(false, true, false, false, true, false, true);
        List<String> decoded = new ArrayList<>();
        List<String> byText = new ArrayList<>();
        for (RawLine line : lines) {
            decoded.add(render(BinanceLineParser.parse(line)));
            RawLine text = copy(line);
            text.trade = null;
            text.text = content.split("\r?\n", -1)[(int) line.lineNumber - 1];
            byText.add(render(BinanceLineParser.parse(text)));
        }
        assertThat(decoded).isEqualTo(byText);
        assertThat(decoded).containsExactly("HEADER",
                "trade BTCUSDT#100[1000..1001] 42000.10 x 0.500 @1704067200000 m",
                "decode bad-number", "decode field-count",
                "trade BTCUSDT#103[1004..1004] -1.00 x 0.100 @1704067202000 t",
                "trade BTCUSDT#104[1005..1005] 42000.40 x 0.125 @1704067203000 t",
                "trade BTCUSDT#105[1006..1008] 42000.50 x 1.000 @1704067261000 m");
    }

    @Test
    void rowsInABufferEndAtTheirLineEndAndARowCutByTheBufferEndIsLeftToTheLineReader() {
        byte[] b = bytes("1,2.5,3,1,1,1704067200000,true\r\n2,2.5,3,2,2,1704067200001,false\n3,2.5,3,3");
        TradeBatch batch = new TradeBatch(4);

        int second = decoder.decodeRowInto(batch, RecordFormat.AGG_TRADES_CSV, b, 0, b.length);
        int third = decoder.decodeRowInto(batch, RecordFormat.AGG_TRADES_CSV, b, second, b.length);

        assertThat(second).isEqualTo(32);
        assertThat(third).isEqualTo(64); // 32 + 32: the third row, "3,2.5,3,3", has no end
        assertThat(decoder.decodeRowInto(batch, RecordFormat.AGG_TRADES_CSV, b, third, b.length)).isEqualTo(-1);
        assertThat(batch.size).isEqualTo(2);
        assertThat(batch.buyerIsMaker).startsWith(true, false);
        byte[] doubleReturn = bytes("1,2.5,3,1,1,1704067200000,true\r\r\n");
        assertThat(decoder.decodeRowInto(batch, RecordFormat.AGG_TRADES_CSV, doubleReturn, 0,
                doubleReturn.length)).isEqualTo(-1);
    }

    /** Rows across many 64 KB buffers, some cut by a buffer's end: read into batches as the text path decodes them. */
    @Test
    void aFileOfManyBuffersReadsIntoBatchesAsTheTextPathDecodesItsLines(@TempDir Path dir)
            throws IOException {
        StringBuilder content = new StringBuilder("agg_trade_id,price,quantity,first_trade_id,"
                + "last_trade_id,transact_time,is_buyer_maker,is_best_match\n");
        for (int i = 1; i <= 6000; i++) {
            content.append(i).append(',').append(i % 97 == 0 ? "x" : "4200" + i % 10 + "." + i)
                    .append(',').append(i % 13 == 0 ? "0.000000000000000000001" : "0." + i * 7)
                    .append(',').append(2 * i).append(',').append(2 * i + 1).append(',')
                    .append(1704067200000L + i).append(i % 2 == 0 ? ",true" : ",false")
                    .append(i % 3 == 0 ? ",true" : "").append(i % 5 == 0 ? "\r\n" : "\n");
        }
        Path file = dir.resolve("BTCUSDT-aggTrades-2024-01-01.csv");
        Files.writeString(file, content);
        InputFile input = new InputFile(file.toString(), RecordFormat.AGG_TRADES_CSV, "BTCUSDT",
                Market.SPOT, null);
        List<String> batched = new ArrayList<>();
        try (BinanceFileReader reader = BinanceFileReader.open(input)) {
            TradeBatch batch = new TradeBatch(6001);
            batch.symbol = "BTCUSDT";
            batch.market = Market.SPOT;
            while (reader.readInto(batch)) {
                // one row per line
            }
            for (int i = 0; i < batch.size; i++) {
                batched.add(batch.kinds[i] == TradeBatch.DEAD_LETTER
                        ? batch.deadLetters[i].stage + " " + batch.deadLetters[i].reason + " " + batch.deadLetters[i].origin
                        : batch.kinds[i] == TradeBatch.HEADER ? "HEADER" : "trade " + batch.trade(i));
            }
        }
        List<String> byText = new ArrayList<>();
        String[] lines = content.toString().split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            RawLine line = new RawLine();
            line.origin = file.toString();
            line.lineNumber = n + 1;
            line.format = RecordFormat.AGG_TRADES_CSV;
            line.symbol = "BTCUSDT";
            line.market = Market.SPOT;
            line.text = lines[n];
            DecodeResult r = BinanceLineParser.parse(line);
            byText.add(r.kind() == DecodeResult.Kind.DEAD_LETTER
                    ? r.deadLetter().stage + " " + r.deadLetter().reason + " " + r.deadLetter().origin
                    : r.kind() == DecodeResult.Kind.HEADER ? "HEADER" : "trade " + r.trade());
        }
        assertThat(batched).hasSize(6001).isEqualTo(byText);
        assertThat(byText).filteredOn(l -> l.startsWith("decode")).hasSize(6000 / 97);
    }

    private Trade agg(String row) {
        byte[] b = bytes(row);
        return decoder.decode(RecordFormat.AGG_TRADES_CSV, b, 0, b.length, "BTCUSDT", Market.SPOT);
    }

    private static byte[] bytes(String row) {
        return row.getBytes(StandardCharsets.UTF_8);
    }

    private static String render(DecodeResult r) {
        if (r.kind() == DecodeResult.Kind.TRADE) {
            return "trade " + r.trade();
        }
        if (r.kind() == DecodeResult.Kind.DEAD_LETTER) {
            DeadLetter d = r.deadLetter();
            return d.stage + " " + d.reason;
        }
        return r.kind().toString();
    }

    private static List<RawLine> read(Path dir, String content) throws IOException {
        Path file = dir.resolve("BTCUSDT-aggTrades-2024-01-01.csv");
        Files.writeString(file, content);
        List<RawLine> lines = new ArrayList<>();
        try (BinanceFileReader reader = BinanceFileReader.open(new InputFile(file.toString(),
                RecordFormat.AGG_TRADES_CSV, "BTCUSDT", Market.SPOT, null))) {
            reader.forEachRemaining(lines::add);
        }
        return lines;
    }

    private static RawLine copy(RawLine l) {
        RawLine c = new RawLine();
        c.origin = l.origin;
        c.lineNumber = l.lineNumber;
        c.format = l.format;
        c.symbol = l.symbol;
        c.market = l.market;
        c.interval = l.interval;
        return c;
    }
}
