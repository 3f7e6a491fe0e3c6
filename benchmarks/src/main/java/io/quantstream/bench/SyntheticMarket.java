package io.quantstream.bench;

import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic inputs of the benchmarks, shaped like the peerbench workload: one USD-M
 * instrument's archive aggTrades lines (prices on a 0.0001 tick, quantities on a 0.1 lot, about
 * 100 trades a minute, ids consecutive above 2^31), and hourly bars of a random walk.
 */
public final class SyntheticMarket {

    /** 2026-02-01T00:00:00Z, epoch ms UTC. */
    public static final long START = 1_769_904_000_000L;
    public static final String SYMBOL = "ALGOUSDT";
    private static final long HOUR = 3_600_000L;

    private SyntheticMarket() {}

    /** {@code n} aggTrades CSV rows, no header: {@code id,price,qty,first,last,time,maker,best}. */
    public static List<String> aggTradeRows(int n) {
        SplittableRandom random = new SplittableRandom(20260201);
        List<String> rows = new ArrayList<>(n);
        long ticks = 2500; // 0.2500
        long time = START;
        long id = (1L << 31) + 1;
        for (int i = 0; i < n; i++, id++) {
            ticks = Math.max(1, ticks + random.nextInt(-2, 3));
            time += random.nextInt(0, 1200);
            long lots = 1 + random.nextInt(500);
            rows.add(id + "," + BigDecimal.valueOf(ticks, 4).toPlainString() + ","
                    + BigDecimal.valueOf(lots, 1).toPlainString() + "," + id + "," + id + ","
                    + time + "," + random.nextBoolean() + ",true");
        }
        return rows;
    }

    /** The rows as the file source hands them to the decoder. */
    public static List<RawLine> rawLines(List<String> rows) {
        List<RawLine> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RawLine line = new RawLine();
            line.origin = SYMBOL + "-aggTrades-2026-02.csv";
            line.lineNumber = i + 1;
            line.format = RecordFormat.AGG_TRADES_CSV;
            line.symbol = SYMBOL;
            line.market = Market.USDM;
            line.text = rows.get(i);
            lines.add(line);
        }
        return lines;
    }

    /** The rows decoded, as the stages after the decoder see them. */
    public static List<Trade> trades(int n) {
        List<Trade> trades = new ArrayList<>(n);
        for (RawLine line : rawLines(aggTradeRows(n))) {
            DecodeResult result = BinanceLineParser.parse(line);
            if (result.kind() != DecodeResult.Kind.TRADE) {
                throw new IllegalStateException("not a trade: " + line);
            }
            trades.add(result.trade());
        }
        return trades;
    }

    /** {@code n} complete 1h bars of a random walk, in open-time order. */
    public static List<Kline> hourlyBars(int n) {
        SplittableRandom random = new SplittableRandom(158);
        List<Kline> bars = new ArrayList<>(n);
        long close = 25_000;
        for (int i = 0; i < n; i++) {
            long open = close;
            close = Math.max(100, open + random.nextInt(-400, 401));
            long high = Math.max(open, close) + random.nextInt(0, 200);
            long low = Math.max(1, Math.min(open, close) - random.nextInt(0, 200));
            Kline k = new Kline();
            k.symbol = SYMBOL;
            k.market = Market.USDM;
            k.interval = "1h";
            k.openTime = START + i * HOUR;
            k.closeTime = k.openTime + HOUR - 1;
            k.open = BigDecimal.valueOf(open, 5);
            k.high = BigDecimal.valueOf(high, 5);
            k.low = BigDecimal.valueOf(low, 5);
            k.close = BigDecimal.valueOf(close, 5);
            k.volume = BigDecimal.valueOf(1_000_000 + random.nextInt(5_000_000), 1);
            k.quoteVolume = k.volume.multiply(k.close);
            k.count = 1 + random.nextInt(20_000);
            k.takerBuyVolume = k.volume.divide(BigDecimal.valueOf(2));
            k.takerBuyQuoteVolume = k.takerBuyVolume.multiply(k.close);
            bars.add(k);
        }
        return bars;
    }
}
