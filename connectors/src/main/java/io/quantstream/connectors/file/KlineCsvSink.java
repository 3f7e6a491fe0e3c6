package io.quantstream.connectors.file;

import io.quantstream.model.Kline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes klines as Binance kline CSV files, one per symbol and interval:
 * {@code <dir>/<SYMBOL>-<interval>.csv} with the header row, rows in arrival order.
 *
 * <pre>{@code klines.sinkTo(new KlineCsvSink("out")).setParallelism(1);}</pre>
 *
 * <p>Every kline of one (symbol, interval) must reach the same subtask, in open-time order: run it
 * at parallelism 1 after the kline stages (they emit each key's bars in order). Files of this run
 * replace files of an earlier run. Files are on the local disk of the task manager; flushed on
 * every checkpoint and at the end of input (at-least-once).
 */
public class KlineCsvSink implements Sink<Kline> {

    private static final long serialVersionUID = 1L;

    private final String directory;

    /** @param directory output folder, created if missing */
    public KlineCsvSink(String directory) {
        this.directory = directory;
    }

    @Override
    public SinkWriter<Kline> createWriter(WriterInitContext context) throws IOException {
        Path dir = Paths.get(directory);
        Files.createDirectories(dir);
        return new Writer(dir);
    }

    private static final class Writer implements SinkWriter<Kline> {
        private final Path directory;
        private final Map<String, BufferedWriter> files = new HashMap<>();

        Writer(Path directory) {
            this.directory = directory;
        }

        @Override
        public void write(Kline kline, Context context) throws IOException {
            BufferedWriter out = files.computeIfAbsent(KlineCsv.fileName(kline), this::open);
            out.write(KlineCsv.row(kline));
            out.newLine();
        }

        private BufferedWriter open(String name) {
            try {
                BufferedWriter out =
                        Files.newBufferedWriter(directory.resolve(name), StandardCharsets.UTF_8);
                out.write(KlineCsv.HEADER);
                out.newLine();
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + directory.resolve(name), e);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            for (BufferedWriter out : files.values()) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            for (BufferedWriter out : files.values()) {
                out.close();
            }
            files.clear();
        }
    }
}
