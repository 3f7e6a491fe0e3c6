package io.quantstream.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;

/** Reads Binance kline CSV files (header or not, zipped or not) into rows keyed by open time. */
final class KlineFiles {

    /** Names of the 11 kline fields, in file order. */
    static final String[] FIELDS = {"open_time", "open", "high", "low", "close", "volume",
        "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume"};

    private KlineFiles() {}

    static Map<Long, String[]> read(Path file) throws IOException {
        Map<Long, String[]> rows = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = raw;
            if (file.toString().endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(raw);
                zip.getNextEntry();
                in = zip;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                    continue;
                }
                String[] fields = line.split(",");
                rows.put(Long.parseLong(fields[0]), fields);
            }
        }
        return rows;
    }

    /** Field-by-field numeric differences between two rows, e.g. {@code "high: 1.0 != 1.1"}. */
    static String differences(String[] expected, String[] actual) {
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < FIELDS.length; i++) {
            if (new BigDecimal(expected[i]).compareTo(new BigDecimal(actual[i])) != 0) {
                diff.append(FIELDS[i]).append(": ").append(expected[i]).append(" != ")
                        .append(actual[i]).append("; ");
            }
        }
        return diff.toString();
    }
}
