package io.quantstream.connectors.binance;

import io.quantstream.trade.TradeBatch;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

import java.util.List;

/**
 * A bounded Flink source (FLIP-27 {@link FileSource}) over Binance input files, emitting their
 * lines as {@link RawLine}s; decode them with {@link BinanceDecoder}.
 *
 * <pre>{@code
 * for (List<InputFile> group : BinanceFiles.groups(BinanceFiles.discover(inputs, null, null)).values()) {
 *     DataStream<Trade> trades = env
 *             .fromSource(BinanceFileSource.of(group), WatermarkStrategy.noWatermarks(), "binance")
 *             .process(new BinanceDecoder());
 * }
 * }</pre>
 *
 * <p>One split per file, handed out in the order of {@code files}; a reader reads one file to
 * its end before taking the next. With source parallelism 1 the files are read strictly in that
 * order (what a group needs in STREAMING mode); with more, files are read in parallel, each file
 * still in line order. Every listed file is read, whatever its name (Flink's default filter would
 * drop names starting with {@code .} or {@code _}). Checkpoints hold the lines emitted per file
 * (see {@link BinanceLineBulkFormat}).
 */
public final class BinanceFileSource {

    private BinanceFileSource() {}

    /**
     * A bounded source reading {@code files} in list order.
     *
     * @throws IllegalArgumentException when {@code files} is empty
     */
    public static FileSource<RawLine> of(List<InputFile> files) {
        return source(new BinanceLineBulkFormat(files), files);
    }

    /**
     * A bounded source reading the trade files {@code files} (websocket captures, archive
     * aggTrades and trades) in list order as {@link TradeBatch}es ({@link TradeBatchBulkFormat});
     * validate and pre-aggregate them with {@code KlineStages.preAggregateBatches}.
     *
     * @throws IllegalArgumentException when {@code files} is empty
     */
    public static FileSource<TradeBatch> trades(List<InputFile> files) {
        return source(new TradeBatchBulkFormat(files), files);
    }

    private static <T> FileSource<T> source(BulkFormat<T, FileSourceSplit> format,
            List<InputFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Binance input files");
        }
        Path[] paths = files.stream().map(f -> new Path(f.path())).toArray(Path[]::new);
        return FileSource.forBulkFileFormat(format, paths)
                .setSplitAssigner(new InputOrderSplitAssigner.Provider(files))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(path -> true))
                .build();
    }
}
