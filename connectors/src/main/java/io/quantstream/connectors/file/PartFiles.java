package io.quantstream.connectors.file;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the file sinks ({@link KlineCsvSink}, {@link JsonLinesSink}) put their part files, and how
 * the output files are assembled from them when the job has ended.
 *
 * <p>Layout under the output folder {@code DIR}, for an output file {@code F} (e.g.
 * {@code BTCUSDT-1m.csv}, {@code factors.jsonl}, or in a sub-folder {@code usdm/BTCUSDT-1m.csv}):
 * <pre>
 * DIR/parts/F/part-S-N.EXT                     committed: a checkpoint completed (or, without
 *                                               checkpoints and in BATCH, the input ended)
 * DIR/parts/F/.part-S-N.EXT.inprogress.UUID    being written, or written by a failed attempt
 * </pre>
 * {@code S} is the writing subtask, {@code N} the writer's part number (at least 10 digits; one
 * per checkpoint that had lines, kept in the checkpoint, so a restore goes on after the restored
 * checkpoint's parts), {@code EXT} the extension of {@code F}. Every part of a kline CSV file
 * starts with {@link KlineCsv#HEADER}. A committed part never changes; each holds the lines its
 * subtask wrote between two checkpoints. Under {@code DIR/parts}, a folder whose name has an
 * extension holds the parts of one output file; a folder without one is a sub-folder of
 * {@code DIR} ({@code DIR/parts/usdm/BTCUSDT-1m.csv/} → {@code DIR/usdm/BTCUSDT-1m.csv}).
 *
 * <p>{@link #assemble} turns the committed parts into {@code DIR/F}: the header once (kline
 * CSV), then every committed part in order of {@code S}, then {@code N} — for a sink at
 * parallelism 1, the order the lines were written. Parts being written or left by a failed
 * attempt are never read.
 */
public final class PartFiles {

    /** Folder of the part files inside the output folder. */
    public static final String FOLDER = "parts";

    private static final Pattern COMMITTED = Pattern.compile("part-(\\d+)-(\\d+)(\\.\\w+)?");
    private static final Pattern IN_PROGRESS =
            Pattern.compile("\\.part-(\\d+)-(\\d+)(\\.\\w+)?\\.inprogress\\..+");

    private PartFiles() {}

    /** Header line of an output file: the kline CSV header for {@code .csv}, else none (null). */
    static String header(String file) {
        return file.endsWith(".csv") ? KlineCsv.HEADER : null;
    }

    /** Committed name of part {@code number} of {@code subtask} for output file {@code file}. */
    static String committedName(String file, int subtask, long number) {
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot);
        return String.format("part-%d-%010d%s", subtask, number, extension);
    }

    /** Name of a part while it is written by the writer attempt {@code attempt}. */
    static String inProgressName(String committedName, String attempt) {
        return "." + committedName + ".inprogress." + attempt;
    }

    /** Subtask and number of a part, from its file name; {@code committed} false while in progress. */
    record PartName(int subtask, long number, boolean committed) {

        /** The part a file name names, or null when it is no part file. */
        static PartName parse(String name) {
            Matcher m = COMMITTED.matcher(name);
            boolean committed = m.matches();
            if (!committed) {
                m = IN_PROGRESS.matcher(name);
                if (!m.matches()) {
                    return null;
                }
            }
            return new PartName(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), committed);
        }
    }

    /**
     * Writes {@code directory/F} for every output file {@code F} in {@code directory/parts} from
     * its committed parts (replacing an earlier {@code F}, creating {@code F}'s sub-folder),
     * then deletes {@code directory/parts}.
     * Call it once the job has ended; without a parts folder it does nothing. An output file whose
     * parts folder holds no committed part comes out empty (kline CSV: the header alone).
     *
     * @throws IOException when a file cannot be read or written, or a kline CSV part does not
     *     start with the header (then nothing is deleted)
     */
    public static void assemble(Path directory) throws IOException {
        Path parts = directory.resolve(FOLDER);
        if (!Files.isDirectory(parts)) {
            return;
        }
        for (String file : outputs(parts)) {
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            assembleFile(parts.resolve(file), target);
        }
        delete(parts);
    }

    /**
     * The output files that have a folder of parts under {@code parts}, as paths relative to the
     * output folder with {@code /} between names ({@code BTCUSDT-1m.csv},
     * {@code usdm/BTCUSDT-1m.csv}), sorted.
     */
    static List<String> outputs(Path parts) throws IOException {
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(parts)) {
            collectOutputs(parts, "", files);
        }
        return files;
    }

    private static void collectOutputs(Path folder, String prefix, List<String> files)
            throws IOException {
        for (Path child : list(folder)) {
            String name = child.getFileName().toString();
            if (!Files.isDirectory(child)) {
                continue;
            }
            if (name.indexOf('.') > 0) {
                files.add(prefix + name);
            } else {
                collectOutputs(child, prefix + name + "/", files);
            }
        }
    }

    /**
     * Deletes {@code directory/parts}: the parts of an earlier run that ended before it was
     * assembled, which a new run must not assemble with its own.
     */
    public static void discard(Path directory) throws IOException {
        Path parts = directory.resolve(FOLDER);
        if (Files.exists(parts)) {
            delete(parts);
        }
    }

    /** The committed parts in {@code folder}, in assembly order (subtask, then part number). */
    static List<Path> committed(Path folder) throws IOException {
        Map<PartName, Path> parts = new TreeMap<>(Comparator.comparingInt(PartName::subtask)
                .thenComparingLong(PartName::number));
        for (Path file : list(folder)) {
            PartName part = PartName.parse(file.getFileName().toString());
            if (part != null && part.committed()) {
                parts.put(part, file);
            }
        }
        return List.copyOf(parts.values());
    }

    private static void assembleFile(Path folder, Path target) throws IOException {
        String header = header(target.getFileName().toString());
        Path temp = target.resolveSibling("." + target.getFileName() + ".assembling");
        try {
            write(folder, header, temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(Path folder, String header, Path temp) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            if (header != null) {
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Path part : committed(folder)) {
                try (InputStream in = Files.newInputStream(part)) {
                    if (header != null) {
                        skipHeader(in, header, part);
                    }
                    in.transferTo(out);
                }
            }
        }
    }

    private static void skipHeader(InputStream in, String header, Path part) throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream(header.length());
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0 || first.size() > header.length()) {
                break;
            }
            first.write(b);
        }
        if (!header.equals(first.toString(StandardCharsets.UTF_8))) {
            throw new IOException("part file " + part + " does not start with the header '"
                    + header + "'");
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static void delete(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
