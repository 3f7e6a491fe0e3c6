package io.quantstream.jobs.topology;

import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.file.KlineCsvSink;
import io.quantstream.connectors.file.PartFiles;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetterCounter;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Writes the topology's outputs into one folder: {@code <SYMBOL>-<interval>.csv} in Binance's kline
 * CSV format (in a run over several markets {@code <market>/<SYMBOL>-<interval>.csv}, market
 * folders {@code spot}, {@code usdm}, {@code coinm}: {@link TopologyOutputs#klineLayout}), and JSON
 * lines for factors, cross-sections, target positions, trade gaps, non-market trades and dead
 * letters. Every sink runs at parallelism 1 so each file is whole and in order.
 *
 * <p>The sinks are exactly once across restarts: while the job runs, each file is a folder of
 * committed part files ({@code parts/<file>/}, see {@link PartFiles}); {@link #assemble} writes
 * the files themselves once the job has ended.
 */
public final class FileSinks {

    /** Name of the kline output, for {@code print}. */
    public static final String KLINES = "klines";
    /** File names (without extension) of the JSON-lines outputs. */
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String FACTORS = "factors";
    public static final String CROSS_SECTIONS = "cross-sections";
    public static final String TARGET_POSITIONS = "target-positions";
    public static final String TRADE_GAPS = "trade-gaps";
    public static final String NON_MARKET_TRADES = "non-market-trades";

    private FileSinks() {}

    /**
     * Attaches a sink to every output that exists, and a print sink (stdout of the task manager,
     * lines prefixed with the output's name) to those named in {@code print}.
     *
     * @throws IllegalArgumentException if {@code print} names an unknown output
     */
    public static void attach(TopologyOutputs out, String directory, List<String> print) {
        Set<String> known = Set.of(KLINES, FACTORS, CROSS_SECTIONS, TARGET_POSITIONS, TRADE_GAPS,
                NON_MARKET_TRADES, DEAD_LETTERS);
        for (String name : print) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "print: unknown output '" + name + "', expected one of " + known);
            }
        }
        if (out.klines != null) {
            out.klines.sinkTo(new KlineCsvSink(directory, out.klineLayout))
                    .name("kline CSV files").uid("sink-klines").setParallelism(1);
        }
        print(out.klines, KLINES, print);
        json(out.factors, directory, FACTORS, print);
        json(out.crossSections, directory, CROSS_SECTIONS, print);
        json(out.targetPositions, directory, TARGET_POSITIONS, print);
        json(out.tradeGaps, directory, TRADE_GAPS, print);
        json(out.nonMarketTrades, directory, NON_MARKET_TRADES, print);
        json(counted(out.deadLetters), directory, DEAD_LETTERS, print);
    }

    /** {@code letters} through a {@link DeadLetterCounter}, or null without any. */
    static DataStream<DeadLetter> counted(DataStream<DeadLetter> letters) {
        return letters == null ? null : DeadLetterCounter.count(letters);
    }

    /**
     * Writes the output files in {@code directory} from their committed parts and removes the
     * parts; call it after the job has ended (a job still running keeps committing parts).
     *
     * @throws IOException when a part cannot be read or a file cannot be written
     */
    public static void assemble(String directory) throws IOException {
        PartFiles.assemble(Paths.get(directory));
    }

    /** A JSON-lines sink {@code <directory>/<name>.jsonl} at parallelism 1, uid {@code sink-<name>}. */
    static <T> void json(DataStream<T> stream, String directory, String name,
            List<String> print) {
        if (stream != null) {
            stream.sinkTo(new JsonLinesSink<>(directory, name))
                    .name(name + ".jsonl").uid("sink-" + name).setParallelism(1);
            print(stream, name, print);
        }
    }

    private static <T> void print(DataStream<T> stream, String name, List<String> print) {
        if (stream != null && print.contains(name)) {
            stream.print(name).name("print " + name).uid("print-" + name).setParallelism(1);
        }
    }
}
