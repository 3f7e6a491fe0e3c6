package io.quantstream.connectors.binance;

import org.apache.flink.connector.file.src.FileSource;
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
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Binance input files");
        }
        Path[] paths = files.stream().map(f -> new Path(f.path())).toArray(Path[]::new);
        return FileSource.forBulkFileFormat(new BinanceLineBulkFormat(files), paths)
                .setSplitAssigner(new InputOrderSplitAssigner.Provider(files))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(path -> true))
                .build();
    }
}
