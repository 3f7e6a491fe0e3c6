package io.quantstream.connectors.binance;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipInputStream;

/**
 * The entries of a zip archive read one after the other as one stream, with a {@code \n} between
 * two entries when the first does not end with one, so that no line spans two entries.
 */
final class ZipEntriesInputStream extends InputStream {

    private final ZipInputStream zip;
    private boolean inEntry;
    private boolean done;
    private int lastByte = '\n';

    ZipEntriesInputStream(InputStream raw) {
        this.zip = new ZipInputStream(raw);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!done) {
            if (!inEntry) {
                if (zip.getNextEntry() == null) {
                    done = true;
                    break;
                }
                inEntry = true;
            }
            int n = zip.read(buffer, offset, length);
            if (n > 0) {
                lastByte = buffer[offset + n - 1];
                return n;
            }
            if (n < 0) {
                inEntry = false;
                if (lastByte != '\n') {
                    lastByte = '\n';
                    buffer[offset] = '\n';
                    return 1;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
