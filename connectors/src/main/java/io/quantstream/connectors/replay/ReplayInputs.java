package io.quantstream.connectors.replay;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.model.Market;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The trade files a replay reads: what {@link BinanceFiles#discover} finds in the inputs, less
 * the kline files (a replay publishes trades), each with a market.
 *
 * @param trades websocket captures and archive aggTrades/trades files, sorted by path
 * @param klineFiles kline files found in the inputs and left out
 */
public record ReplayInputs(List<InputFile> trades, List<InputFile> klineFiles) {

    /**
     * @param inputs files or folders (searched recursively)
     * @param market market of every file, or null to take it from the folders
     * @param symbol symbol of every file, or null to take it from file names and messages
     * @throws IllegalArgumentException naming every input that does not exist or cannot be read,
     *     when the inputs hold no trade file, and naming the files without a market
     */
    public static ReplayInputs discover(List<Path> inputs, Market market, String symbol) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input given (expected websocket captures or archive"
                    + " aggTrades/trades files, or folders of them)");
        }
        List<String> problems = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                problems.add("no such file or folder: " + input.toAbsolutePath().normalize());
            } else if (!Files.isReadable(input)) {
                problems.add("permission denied: " + input.toAbsolutePath().normalize());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        List<InputFile> trades = new ArrayList<>();
        List<InputFile> klines = new ArrayList<>();
        for (InputFile file : BinanceFiles.discover(inputs, market, symbol)) {
            (file.format() == RecordFormat.KLINES_CSV ? klines : trades).add(file);
        }
        if (trades.isEmpty()) {
            throw new IllegalArgumentException("no trade files in " + inputs + " (expected websocket"
                    + " captures of @trade/@aggTrade streams or archive aggTrades/trades files"
                    + (klines.isEmpty() ? "" : "; found only kline files, which a replay does not publish") + ")");
        }
        List<String> withoutMarket = trades.stream().filter(f -> f.market() == null)
                .map(InputFile::path).collect(Collectors.toList());
        if (!withoutMarket.isEmpty()) {
            throw new IllegalArgumentException("no market for " + withoutMarket + ": neither a folder"
                    + " (spot, usdm, coinm, futures/um, futures/cm) nor --market names it");
        }
        return new ReplayInputs(List.copyOf(trades), List.copyOf(klines));
    }
}
