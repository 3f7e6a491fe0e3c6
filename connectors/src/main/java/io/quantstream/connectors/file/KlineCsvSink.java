package io.quantstream.connectors.file;

import io.quantstream.model.Kline;

/**
 * Writes klines as Binance kline CSV files, one per instrument and interval, exactly once across
 * restarts: {@code <SYMBOL>-<interval>.csv} ({@link Layout#FLAT}, for a run over one market), or
 * {@code <market>/<SYMBOL>-<interval>.csv} ({@link Layout#BY_MARKET}, for several markets: spot
 * and USD-M BTCUSDT are two files), each with the header row ({@link KlineCsv}), rows in arrival
 * order.
 *
 * <pre>{@code klines.sinkTo(new KlineCsvSink("out", Layout.BY_MARKET)).setParallelism(1);
 * env.execute();
 * PartFiles.assemble(Paths.get("out"));   // out/usdm/BTCUSDT-1m.csv, out/spot/...}</pre>
 *
 * <p>While the job runs, the rows are in part files {@code out/parts/<file>/part-S-N.csv}
 * (each a kline CSV with its header), committed at every completed checkpoint
 * ({@link PartFileSink}); {@link PartFiles#assemble} concatenates them into {@code out/<file>},
 * header once, when the job has ended. Every kline of one (instrument, interval) must reach the
 * same subtask, in open-time order: run it at parallelism 1 after the kline stages (they emit
 * each key's bars in order). A fresh run replaces the kline parts of an earlier run, in either
 * layout. Files are on the local disk of the task manager.
 */
public class KlineCsvSink extends PartFileSink<Kline> {

    private static final long serialVersionUID = 1L;

    /** Where an instrument's file goes in the output folder. */
    public enum Layout {
        /** {@code <SYMBOL>-<interval>.csv}: every kline of the run is of one market. */
        FLAT,
        /** {@code <market>/<SYMBOL>-<interval>.csv}, market in lower case. */
        BY_MARKET
    }

    private final Layout layout;

    /** @param directory output folder, created if missing */
    public KlineCsvSink(String directory, Layout layout) {
        super(directory);
        this.layout = layout;
    }

    /** A sink of the {@link Layout#FLAT} layout. */
    public KlineCsvSink(String directory) {
        this(directory, Layout.FLAT);
    }

    @Override
    String file(Kline kline) {
        return layout == Layout.FLAT ? KlineCsv.fileName(kline) : KlineCsv.marketPath(kline);
    }

    @Override
    String line(Kline kline) {
        return KlineCsv.row(kline);
    }

    @Override
    boolean owns(String file) {
        return file.endsWith(".csv");
    }
}
