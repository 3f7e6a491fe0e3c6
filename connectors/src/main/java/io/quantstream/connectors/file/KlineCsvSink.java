package io.quantstream.connectors.file;

import io.quantstream.model.Kline;

/**
 * Writes klines as Binance kline CSV files, one per symbol and interval: {@code <SYMBOL>-<interval>.csv}
 * with the header row ({@link KlineCsv}), rows in arrival order, exactly once across restarts.
 *
 * <pre>{@code klines.sinkTo(new KlineCsvSink("out")).setParallelism(1);
 * env.execute();
 * PartFiles.assemble(Paths.get("out"));   // out/BTCUSDT-1m.csv, ...}</pre>
 *
 * <p>While the job runs, the rows are in part files {@code out/parts/<SYMBOL>-<interval>.csv/part-S-N.csv}
 * (each a kline CSV with its header), committed at every completed checkpoint ({@link PartFileSink});
 * {@link PartFiles#assemble} concatenates them into {@code out/<SYMBOL>-<interval>.csv}, header
 * once, when the job has ended. Every kline of one (symbol, interval) must reach the same subtask,
 * in open-time order: run it at parallelism 1 after the kline stages (they emit each key's bars in
 * order). A fresh run replaces the kline parts of an earlier run. Files are on the local disk of
 * the task manager.
 */
public class KlineCsvSink extends PartFileSink<Kline> {

    private static final long serialVersionUID = 1L;

    /** @param directory output folder, created if missing */
    public KlineCsvSink(String directory) {
        super(directory);
    }

    @Override
    String file(Kline kline) {
        return KlineCsv.fileName(kline);
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
