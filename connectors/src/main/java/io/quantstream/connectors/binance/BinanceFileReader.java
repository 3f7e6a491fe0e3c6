package io.quantstream.connectors.binance;

import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads the lines of one Binance input file as {@link RawLine}s, in file order.
 *
 * <pre>{@code
 * try (BinanceFileReader reader = BinanceFileReader.open(file)) {
 *     reader.forEachRemaining(line -> ...);
 * }
 * }</pre>
 *
 * <p>Compression is detected from the content, not the name: gzip magic {@code 1f 8b} (several
 * members are read one after the other), zip magic {@code 50 4b 03 04} (every entry, in order),
 * else plain text. Lines are UTF-8, split on {@code \n}; a trailing {@code \r} is removed; empty
 * lines are skipped but counted in line numbers.
 *
 * <p>Rows of archive aggTrades and trades files after the first line are decoded right from the
 * read buffer ({@link TradeRowDecoder}) into {@link RawLine#trade}, without a {@code String}; a
 * row the fast decoder does not take (and every first line: a header, a byte-order mark) comes as
 * {@link RawLine#text}, which {@link BinanceLineParser} decodes or turns into a dead letter, so
 * both give the same trades.
 *
 * <p>Errors: a file that cannot be opened throws from {@link #open}. A read error after that (a
 * truncated gzip: {@code EOFException: Unexpected end of ZLIB input stream}, a corrupt zip)
 * does not throw: it yields one last {@link RawLine} with {@link RawLine#error} set and ends the
 * file, so the lines before it are kept.
 */
public final class BinanceFileReader implements Iterator<RawLine>, Closeable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final InputFile file;
    private final InputStream raw;
    private InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private long lineNumber;
    /** The line {@link #nextLine} found: {@code lineBytes[lineStart, lineStart + lineLength)}. */
    private byte[] lineBytes;
    private int lineStart;
    private int lineLength;
    private final TradeRowDecoder rows = new TradeRowDecoder();
    private boolean finished;
    private RawLine next;

    private BinanceFileReader(InputFile file, InputStream raw) {
        this.file = file;
        this.raw = raw;
    }

    /**
     * Opens {@code file} from the local file system.
     *
     * @throws IOException when the file cannot be opened
     */
    public static BinanceFileReader open(InputFile file) throws IOException {
        return new BinanceFileReader(file, Files.newInputStream(Path.of(file.path())));
    }

    /** Reads {@code file}'s lines from {@code raw}, the file's bytes as stored; takes ownership. */
    static BinanceFileReader open(InputFile file, InputStream raw) {
        return new BinanceFileReader(file, raw);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = readLine();
        }
        return next != null;
    }

    @Override
    public RawLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException("end of " + file.path());
        }
        RawLine line = next;
        next = null;
        return line;
    }

    /**
     * Reads the next line into {@code batch} as one row ({@link TradeBatch}): a plain row when the
     * fast decoder takes it, else what {@link BinanceLineParser} makes of the line (a trade, a
     * dead letter, a header or a skipped message). The same lines as {@link #next()} gives, one
     * row per line, so line counts stay positions. For trade files (not klines or funding rates).
     *
     * @return false at the end of the file (nothing added)
     * @throws IllegalStateException on a line of klines or funding rates
     */
    public boolean readInto(TradeBatch batch) {
        if (next != null) {
            return addTo(batch, next());
        }
        if (finished) {
            return false;
        }
        try {
            if (in == null) {
                in = decompressed(raw);
            }
            if (lineNumber > 0 && position < limit) {
                // most rows: decoded in place, their line end found on the way
                int after = rows.decodeRowInto(batch, file.format(), buffer, position, limit);
                if (after >= 0) {
                    lineNumber++;
                    position = after;
                    return true;
                }
            }
            while (true) {
                if (!nextLine()) {
                    finished = true;
                    return false;
                }
                if (lineLength == 0) {
                    continue;
                }
                if (lineNumber > 1 && rows.decodeInto(batch, file.format(), lineBytes, lineStart,
                        lineStart + lineLength)) {
                    return true;
                }
                return addTo(batch, line(new String(lineBytes, lineStart, lineLength,
                        StandardCharsets.UTF_8), null));
            }
        } catch (IOException e) {
            finished = true;
            lineNumber++;
            return addTo(batch, line(null, e.getClass().getName() + ": " + e.getMessage()));
        }
    }

    private static boolean addTo(TradeBatch batch, RawLine line) {
        DecodeResult result = BinanceLineParser.parse(line);
        switch (result.kind()) {
            case TRADE:
                batch.addTrade(result.trade());
                break;
            case DEAD_LETTER:
                batch.addDeadLetter(result.deadLetter());
                break;
            case HEADER:
                batch.addSkipped(TradeBatch.HEADER);
                break;
            case SKIPPED:
                batch.addSkipped(TradeBatch.SKIPPED);
                break;
            default:
                throw new IllegalStateException(line.location() + ": " + result.kind()
                        + " in a trade file");
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        (in != null ? in : raw).close();
    }

    private RawLine readLine() {
        try {
            if (in == null) {
                in = decompressed(raw);
            }
            while (true) {
                if (!nextLine()) {
                    finished = true;
                    return null;
                }
                if (lineLength == 0) {
                    continue;
                }
                if (lineNumber > 1) {
                    Trade trade = rows.decode(file.format(), lineBytes, lineStart,
                            lineStart + lineLength, file.symbol(), file.market());
                    if (trade != null) {
                        RawLine line = line(null, null);
                        line.trade = trade;
                        return line;
                    }
                }
                return line(new String(lineBytes, lineStart, lineLength, StandardCharsets.UTF_8), null);
            }
        } catch (IOException e) {
            finished = true;
            lineNumber++;
            return line(null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /** Finds the next line ({@link #lineBytes}); false at the end of the file. */
    private boolean nextLine() throws IOException {
        pendingLength = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return pendingLength != 0 && finishLine(pending, 0, pendingLength);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                position++;
                if (pendingLength == 0) {
                    return finishLine(buffer, start, position - 1 - start);
                }
                append(start, position - 1 - start);
                return finishLine(pending, 0, pendingLength);
            }
            append(start, limit - start);
        }
    }

    private void append(int start, int length) {
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(buffer, start, pending, pendingLength, length);
        pendingLength += length;
    }

    private boolean finishLine(byte[] bytes, int start, int length) {
        lineNumber++;
        if (length > 0 && bytes[start + length - 1] == '\r') {
            length--;
        }
        lineBytes = bytes;
        lineStart = start;
        lineLength = length;
        return true;
    }

    private RawLine line(String text, String error) {
        RawLine line = new RawLine();
        line.origin = file.path();
        line.lineNumber = lineNumber;
        line.format = file.format();
        line.symbol = file.symbol();
        line.market = file.market();
        line.interval = file.interval();
        line.text = text;
        line.error = error;
        return line;
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(buffered, BUFFER_SIZE);
        }
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return new ZipEntriesInputStream(buffered);
        }
        return buffered;
    }
}
