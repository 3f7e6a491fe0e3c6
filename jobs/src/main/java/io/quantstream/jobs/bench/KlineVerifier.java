package io.quantstream.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compares kline CSV files field by field, numerically: each {@code <SYM>-1m-expected.csv} of a
 * peerbench folder with {@code <SYM>-1m.csv} of an output folder. Rows the expected file lacks
 * must be gap fills (count 0); a missing row counts all its 11 fields as wrong.
 */
public final class KlineVerifier {

    /** The 11 kline fields of a Binance kline CSV row, in column order. */
    public static final String[] FIELDS = {"open_time", "open", "high", "low", "close", "volume",
        "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume"};

    private KlineVerifier() {}

    /** Fields matched out of 11 × expected rows, plus the first problems found. */
    public static final class Result {
        public long matchedFields;
        public long totalFields;
        public final List<String> problems = new ArrayList<>();

        void problem(String text) {
            if (problems.size() < 10) {
                problems.add(text);
            }
        }
    }

    public static Result verify(Path expectedDir, Path actualDir) throws IOException {
        Result result = new Result();
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(expectedDir)) {
            expectedFiles = files.filter(f -> f.getFileName().toString().endsWith("-1m-expected.csv"))
                    .sorted().toList();
        }
        for (Path expectedFile : expectedFiles) {
            String symbol = expectedFile.getFileName().toString().replace("-1m-expected.csv", "");
            Map<Long, String[]> expected = rows(expectedFile);
            Map<Long, String[]> actual = rows(actualDir.resolve(symbol + "-1m.csv"));
            result.totalFields += (long) FIELDS.length * expected.size();
            for (Map.Entry<Long, String[]> row : expected.entrySet()) {
                String[] got = actual.get(row.getKey());
                if (got == null) {
                    result.problem(symbol + " " + row.getKey() + ": missing");
                    continue;
                }
                for (int i = 0; i < FIELDS.length; i++) {
                    if (sameValue(row.getValue(), got, i)) {
                        result.matchedFields++;
                    } else {
                        result.problem(symbol + " " + row.getKey() + " " + FIELDS[i] + ": expected "
                                + row.getValue()[i] + ", got " + got[i]);
                    }
                }
            }
            for (Map.Entry<Long, String[]> row : actual.entrySet()) {
                if (!expected.containsKey(row.getKey()) && !"0".equals(row.getValue()[8])) {
                    result.problem(symbol + " " + row.getKey() + ": unexpected bar with trades");
                }
            }
        }
        return result;
    }

    /**
     * Field-by-field numeric differences of two kline CSV rows, e.g. {@code "high: 1.0 != 1.1; "};
     * empty when they are equal.
     */
    public static String differences(String[] expected, String[] actual) {
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < FIELDS.length; i++) {
            if (!sameValue(expected, actual, i)) {
                diff.append(FIELDS[i]).append(": ").append(expected[i]).append(" != ")
                        .append(actual[i]).append("; ");
            }
        }
        return diff.toString();
    }

    private static boolean sameValue(String[] expected, String[] actual, int field) {
        return new BigDecimal(expected[field]).compareTo(new BigDecimal(actual[field])) == 0;
    }

    /**
     * Rows of a Binance kline CSV (header or not) keyed by open time, epoch ms UTC; an empty map
     * when the file does not exist.
     */
    public static Map<Long, String[]> rows(Path file) throws IOException {
        Map<Long, String[]> rows = new HashMap<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                    continue;
                }
                String[] fields = line.split(",");
                rows.put(Long.parseLong(fields[0]), fields);
            }
        }
        return rows;
    }
}
