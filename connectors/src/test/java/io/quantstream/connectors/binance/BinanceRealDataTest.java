package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.SharedData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Decodes the real Binance files of {@code ../shared/data} (counts from its README). */
class BinanceRealDataTest {

    @Test
    void btcusdtCaptureHas10701GapFreeTrades() {
        DecodedFiles d = DecodedFiles.of(capture("btcusdt"));

        assertThat(d.trades).hasSize(10_701);
        assertThat(d.deadLetters).isEmpty();
        assertThat(d.skipped).isEqualTo(d.lines.size() - 10_701).isPositive();
        assertGapFree(d.trades);
        assertThat(d.trades).allSatisfy(t -> {
            assertThat(t.symbol).isEqualTo("BTCUSDT");
            assertThat(t.market).isEqualTo(Market.USDM);
            assertThat(t.executionType).isNotNull();
        });
        assertThat(d.trades.get(0).tradeTime).isBetween(1721347022000L, 1721347023000L);
    }

    @Test
    void ethusdtCaptureHas13655Trades() {
        DecodedFiles d = DecodedFiles.of(capture("ethusdt"));

        assertThat(d.trades).hasSize(13_655);
        assertThat(d.deadLetters).isEmpty();
        assertGapFree(d.trades);
    }

    @Test
    void coinmAggTradesArchive() {
        List<InputFile> files = BinanceFiles.discover(List.of(SharedData.require(
                "binance/vision/futures/cm/daily/aggTrades/BTCUSD_PERP/BTCUSD_PERP-aggTrades-2026-05-08.zip")),
                null, null);

        DecodedFiles d = DecodedFiles.of(files);

        assertThat(d.headers).isEqualTo(1);
        assertThat(d.deadLetters).isEmpty();
        assertThat(d.trades).hasSize(105_280);
        assertThat(d.trades).allSatisfy(t -> {
            assertThat(t.symbol).isEqualTo("BTCUSD_PERP");
            assertThat(t.market).isEqualTo(Market.COINM);
        });
        Trade first = d.trades.get(0);
        assertThat(first.aggTradeId).isEqualTo(480537903L);
        assertThat(first.tradeTime).isEqualTo(1778198400020L);
        for (int i = 1; i < d.trades.size(); i++) {
            assertThat(d.trades.get(i).aggTradeId).isEqualTo(d.trades.get(i - 1).aggTradeId + 1);
        }
    }

    @Test
    void spotHourlyKlinesInMicrosecondsBecomeMilliseconds() {
        List<InputFile> files = BinanceFiles.discover(List.of(
                SharedData.require("binance/vision/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2026-05-08.zip"),
                SharedData.require("binance/vision/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2026-05-09.zip")),
                null, null);

        DecodedFiles d = DecodedFiles.of(files);

        assertThat(d.deadLetters).isEmpty();
        assertThat(d.klines).hasSize(48);
        assertThat(d.klines.get(0).openTime).isEqualTo(1778198400000L);
        for (int i = 0; i < d.klines.size(); i++) {
            Kline k = d.klines.get(i);
            assertThat(k.openTime).isEqualTo(1778198400000L + i * 3_600_000L);
            assertThat(k.closeTime).isEqualTo(k.openTime + 3_600_000L - 1);
            assertThat(k).extracting(x -> x.symbol, x -> x.market, x -> x.interval)
                    .containsExactly("BTCUSDT", Market.SPOT, "1h");
        }
    }

    @Test
    void spotMinuteKlinesWithoutHeader() {
        DecodedFiles d = DecodedFiles.of(BinanceFiles.discover(List.of(SharedData.require(
                "binance/vision/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-01-21.csv")), null, null));

        assertThat(d.headers).isZero();
        assertThat(d.deadLetters).isEmpty();
        assertThat(d.klines).hasSize(1440);
        assertThat(d.klines.get(0).openTime).isEqualTo(1674259200000L);
        assertThat(d.klines.get(1439).closeTime).isEqualTo(1674259200000L + 86_400_000L - 1);
        assertThat(d.klines.get(0).open.toPlainString()).isEqualTo("22666.00000000");
    }

    @Test
    void usdmMonthlyGzipKlinesWithHeader() {
        DecodedFiles d = DecodedFiles.of(BinanceFiles.discover(List.of(SharedData.require(
                "binance/vision/futures/um/monthly/klines/LINKUSDT/1m/LINKUSDT-1m-2026-02.csv.gz")), null, null));

        assertThat(d.headers).isEqualTo(1);
        assertThat(d.deadLetters).isEmpty();
        assertThat(d.klines).hasSize(40_320).allMatch(k -> k.market == Market.USDM && "1m".equals(k.interval));
    }

    @Test
    void malformedLinesBecomeDeadLettersAndGoodLinesDecode(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("BTCUSD_PERP-aggTrades-2026-05-08.csv"), String.join("\n",
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
                "480537903,79972.8,542.0,1123474160,1123474164,1778198400020,false",
                "480537904,79972.9,1.0,1123474165",
                "480537905,7997x.9,1.0,1123474166,1123474166,1778198400024,false",
                "480537906,79972.9,1.0,1123474167,1123474167,1778198400024,true",
                ""));
        InputFile input = BinanceFiles.describe(file, Market.COINM, null).orElseThrow();

        DecodedFiles d = DecodedFiles.of(input);

        assertThat(d.trades).extracting(t -> t.aggTradeId).containsExactly(480537903L, 480537906L);
        assertThat(d.deadLetters).extracting(x -> x.reason, x -> x.origin)
                .containsExactly(
                        tuple("field-count", file + ":3"),
                        tuple("bad-number", file + ":4"));
        assertThat(d.deadLetters.get(1).detail).contains("price").contains("7997x.9");
    }

    private static List<InputFile> capture(String symbol) {
        return BinanceFiles.discover(List.of(
                SharedData.require("binance/ws/usdm/" + symbol + "_20240718.gz"),
                SharedData.require("binance/ws/usdm/" + symbol + "_20240719.gz")), null, null);
    }

    private static void assertGapFree(List<Trade> trades) {
        for (int i = 1; i < trades.size(); i++) {
            assertThat(trades.get(i).firstTradeId).as("trade %d", i)
                    .isEqualTo(trades.get(i - 1).lastTradeId + 1);
        }
    }
}
