package io.quantstream.connectors.iceberg.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

/** The data rows of an archive CSV, split on commas, read independently of the loader (test oracle). */
final class ArchiveCsv {

    private ArchiveCsv() {}

    static List<String[]> rows(Path file) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".gz")) {
                text = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
            } else if (name.endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(in);
                zip.getNextEntry();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                zip.transferTo(out);
                text = out.toString(StandardCharsets.UTF_8);
            } else {
                text = Files.readString(file);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }
}
