package io.quantstream.connectors.iceberg.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of archive files and their {@code .CHECKSUM} sidecars, as {@code data.binance.vision}
 * publishes them: {@code <64 hex digits>  <file name>}.
 */
final class Checksums {

    private Checksums() {}

    /** Lower-case hex SHA-256 of the file's bytes. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The sidecar {@code <file>.CHECKSUM}. */
    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".CHECKSUM");
    }

    /**
     * The SHA-256 the sidecar states, lower case.
     *
     * @throws IOException when it cannot be read or does not start with 64 hex digits
     */
    static String expected(Path sidecar) throws IOException {
        String text = Files.readString(sidecar, StandardCharsets.US_ASCII).trim();
        String hex = text.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IOException(sidecar + " does not start with a SHA-256 (64 hex digits): '"
                    + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'");
        }
        return hex;
    }
}
