package io.quantstream.bench;

import io.quantstream.connectors.binance.BinanceFileReader;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.connectors.binance.TradeBatchBulkFormat;
import io.quantstream.model.Market;
import io.quantstream.trade.TradeBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the file source's reader does per archive aggTrades line (ns per line): read the file (in
 * the page cache), decode each row from the read buffer into a {@link TradeBatch} of
 * {@value TradeBatchBulkFormat#BATCH_ROWS} rows ({@link BinanceFileReader#readInto}).
 */
public class ReadBatchesBenchmark extends OperatorBenchmark {

    static final int LINES = 100_000;

    private Path file;
    private InputFile input;

    @Setup
    public void writeFile() throws IOException {
        file = Files.createTempFile(SyntheticMarket.SYMBOL + "-aggTrades-", ".csv");
        Files.write(file, SyntheticMarket.aggTradeRows(LINES));
        input = new InputFile(file.toString(), RecordFormat.AGG_TRADES_CSV, SyntheticMarket.SYMBOL,
                Market.USDM, null);
    }

    @TearDown
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long aggTradeLinesIntoBatches() throws IOException {
        long rows = 0;
        try (BinanceFileReader reader = BinanceFileReader.open(input)) {
            while (true) {
                TradeBatch batch = new TradeBatch(TradeBatchBulkFormat.BATCH_ROWS);
                while (!batch.isFull() && reader.readInto(batch)) {
                    // one row per line
                }
                if (batch.size == 0) {
                    return rows;
                }
                rows += batch.size;
            }
        }
    }
}
