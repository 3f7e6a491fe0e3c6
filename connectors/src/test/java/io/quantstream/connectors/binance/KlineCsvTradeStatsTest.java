package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.file.KlineCsv;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TradeStats;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The kline CSVs quantstream writes are inputs too: a row with the trade statistics columns reads
 * back to the same kline, statistics included; one with those cells empty, and Binance's own
 * twelve-column rows, read as klines without statistics.
 */
class KlineCsvTradeStatsTest {

    private static final String BINANCE =
            "1721260800000,67000.10,67010.00,66990.5,67005.50,1.250,1721260859999,83757.6250,42,"
                    + "0.500,33503.0000,0";

    @Test
    void aRowWithTradeStatisticsReadsBackToTheSameKline() {
        // buys 0.5 for 33503.0000, sells 0.75 for 50254.6250: vwap 83757.625 / 1.25 = 67006.1
        String row = BINANCE + ",67006.1000000000,83757.6250,0.500,0.750,33503.0000,50254.6250,"
                + "30,12,40,0.250,2,1.000,0,0,0,0";
        Kline k = kline(row);
        assertThat(k.tradeStats).isNotNull();
        assertThat(k.tradeStats.buyVolume).isEqualByComparingTo("0.5");
        assertThat(k.tradeStats.sellDollarVolume).isEqualByComparingTo("50254.625");
        assertThat(k.tradeStats.buyCount).isEqualTo(30);
        assertThat(k.tradeStats.sellCount).isEqualTo(12);
        assertThat(k.tradeStats.sizeCounts).containsExactly(40, 2, 0, 0);
        assertThat(k.tradeStats.sizeVolumes[1]).isEqualByComparingTo("1");
        assertThat(k.tradeStats.vwap()).isEqualByComparingTo("67006.1");
        assertThat(KlineCsv.row(k)).isEqualTo(row);
    }

    @Test
    void emptyStatisticsCellsAndBinanceRowsAreKlinesWithoutStatistics() {
        Kline written = kline(BINANCE);
        assertThat(written.tradeStats).isNull();
        assertThat(KlineCsv.row(written)).isEqualTo(BINANCE + ",,,,,,,,,,,,,,,,");
        Kline read = kline(KlineCsv.row(written));
        assertThat(read).isEqualTo(written);
        assertThat(read.tradeStats).isNull();
        assertThat(KlineCsv.binanceRow(read)).isEqualTo(BINANCE);
    }

    @Test
    void aBarWithoutVolumeHasNoVwap() {
        TradeStats none = new TradeStats();
        assertThat(none.vwap()).isNull();
        Kline k = kline(BINANCE);
        k.tradeStats = none;
        assertThat(KlineCsv.row(k)).isEqualTo(BINANCE + ",,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
        assertThat(kline(KlineCsv.row(k)).tradeStats).isEqualTo(none);
    }

    private static Kline kline(String text) {
        RawLine line = new RawLine();
        line.origin = "/data/BTCUSDT-1m.csv";
        line.lineNumber = 2;
        line.format = RecordFormat.KLINES_CSV;
        line.symbol = "BTCUSDT";
        line.market = Market.USDM;
        line.interval = "1m";
        line.text = text;
        DecodeResult result = BinanceLineParser.parse(line);
        assertThat(result.kind()).as(text).isEqualTo(DecodeResult.Kind.KLINE);
        return result.kline();
    }
}
