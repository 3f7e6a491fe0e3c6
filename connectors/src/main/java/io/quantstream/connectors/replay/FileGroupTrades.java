package io.quantstream.connectors.replay;

import io.quantstream.connectors.binance.BinanceFileReader;
import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.model.Trade;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The trades of one group of files ({@code BinanceFiles#groups}: one instrument's captures or
 * archive files), decoded in file order, one file after the other. Lines that do not decode go
 * to {@link Rejections}; other websocket streams and CSV headers are counted.
 */
final class FileGroupTrades implements Closeable {

    private final List<InputFile> files;
    private final Rejections rejections;
    private int nextFile;
    private BinanceFileReader reader;
    private Trade head;
    private String headPath;
    private long headLine;
    private long otherMessages;

    FileGroupTrades(List<InputFile> files, Rejections rejections) {
        this.files = files;
        this.rejections = rejections;
    }

    /**
     * The next trade, or null at the end of the group; its file and line are {@link #path()} and
     * {@link #line()} until the next call.
     *
     * @throws UncheckedIOException when a file cannot be opened
     */
    Trade next() {
        while (true) {
            if (reader == null || !reader.hasNext()) {
                closeReader();
                if (nextFile == files.size()) {
                    head = null;
                    return null;
                }
                reader = open(files.get(nextFile++));
                continue;
            }
            RawLine line = reader.next();
            DecodeResult result = BinanceLineParser.parse(line);
            switch (result.kind()) {
                case TRADE:
                    head = result.trade();
                    headPath = line.origin;
                    headLine = line.lineNumber;
                    return head;
                case DEAD_LETTER:
                    rejections.add(result.deadLetter());
                    break;
                default: // other streams, CSV headers (kline files are not in a replay's groups)
                    otherMessages++;
                    break;
            }
        }
    }

    /** File of the trade {@link #next} returned last. */
    String path() {
        return headPath;
    }

    /** Line (1-based) of the trade {@link #next} returned last. */
    long line() {
        return headLine;
    }

    /** Lines that were neither trades nor rejected: other websocket streams, CSV headers. */
    long otherMessages() {
        return otherMessages;
    }

    @Override
    public void close() {
        closeReader();
        nextFile = files.size();
    }

    private static BinanceFileReader open(InputFile file) {
        try {
            return BinanceFileReader.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file.path(), e);
        }
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + files.get(nextFile - 1).path(), e);
            }
            reader = null;
        }
    }
}
