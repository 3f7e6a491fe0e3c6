package io.quantstream.jobs.topology;

import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.file.KlineCsvSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Writes the slice's outputs into one folder: {@code <SYMBOL>-<interval>.csv} in Binance's kline
 * CSV format, and JSON lines for factors, cross-sections, target positions, trade gaps, non-market
 * trades and dead letters. Every sink runs at parallelism 1 so each file is whole and in order.
 */
public final class FileSinks {

    /** File names (without extension) of the JSON-lines outputs. */
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String FACTORS = "factors";
    public static final String CROSS_SECTIONS = "cross-sections";
    public static final String TARGET_POSITIONS = "target-positions";
    public static final String TRADE_GAPS = "trade-gaps";
    public static final String NON_MARKET_TRADES = "non-market-trades";

    private FileSinks() {}

    /** Attaches a sink to every output that exists. */
    public static void attach(SliceOutputs out, String directory) {
        if (out.klines != null) {
            out.klines.sinkTo(new KlineCsvSink(directory))
                    .name("kline CSV files").uid("sink-klines").setParallelism(1);
        }
        json(out.factors, directory, FACTORS);
        json(out.crossSections, directory, CROSS_SECTIONS);
        json(out.targetPositions, directory, TARGET_POSITIONS);
        json(out.tradeGaps, directory, TRADE_GAPS);
        json(out.nonMarketTrades, directory, NON_MARKET_TRADES);
        json(out.deadLetters, directory, DEAD_LETTERS);
    }

    private static <T> void json(DataStream<T> stream, String directory, String name) {
        if (stream != null) {
            stream.sinkTo(new JsonLinesSink<>(directory, name))
                    .name(name + ".jsonl").uid("sink-" + name).setParallelism(1);
        }
    }
}
