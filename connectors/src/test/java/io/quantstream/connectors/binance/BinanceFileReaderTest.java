package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.testing.SharedData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

class BinanceFileReaderTest {

    private static final String CAPTURE = "binance/ws/usdm/btcusdt_20240718.gz";

    @TempDir Path dir;

    @Test
    void detectsCompressionFromContentNotName() throws IOException {
        Path capture = SharedData.require(CAPTURE);
        Path dat = Files.copy(capture, dir.resolve("x.dat"));
        Path bare = Files.copy(capture, dir.resolve("capture"));

        List<String> original = texts(ws(capture));

        assertThat(original).hasSize(11414);
        assertThat(original.stream().allMatch(t -> t.startsWith("1721347"))).isTrue();
        assertThat(texts(ws(dat))).isEqualTo(original);
        assertThat(texts(ws(bare))).isEqualTo(original);
    }

    @Test
    void truncatedGzipGivesTheGoodLinesThenOneErrorLine() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.require(CAPTURE));
        Path truncated = Files.write(dir.resolve("truncated.gz"), Arrays.copyOf(bytes, bytes.length * 6 / 10));
        List<String> all = texts(ws(SharedData.require(CAPTURE)));

        List<RawLine> lines = read(ws(truncated));

        RawLine last = lines.get(lines.size() - 1);
        assertThat(last.text).isNull();
        assertThat(last.error).startsWith("java.io.EOFException").contains("Unexpected end of ZLIB input stream");
        assertThat(last.lineNumber).isEqualTo(lines.size());
        List<RawLine> good = lines.subList(0, lines.size() - 1);
        assertThat(good).hasSizeBetween(1000, all.size() - 1);
        assertThat(good).extracting(l -> l.text).isEqualTo(all.subList(0, good.size()));
        assertThat(good).allMatch(l -> l.error == null);
    }

    @Test
    void readsEveryGzipMemberAndZipEntryAndStripsCarriageReturns() throws IOException {
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        twoMembers.write(gzip("a\r\nb\n"));
        twoMembers.write(gzip("c\n\nd"));
        Path gz = Files.write(dir.resolve("multi"), twoMembers.toByteArray());
        Path zip = dir.resolve("two-entries.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "1.csv", "a\r\nb");
            entry(out, "2.csv", "c\nd\n");
        }
        Path plain = Files.writeString(dir.resolve("plain"), "a\nb\r\nc\nd\n");

        assertThat(texts(ws(gz))).containsExactly("a", "b", "c", "d");
        assertThat(read(ws(gz))).extracting(l -> l.lineNumber).containsExactly(1L, 2L, 3L, 5L);
        assertThat(texts(ws(zip))).containsExactly("a", "b", "c", "d");
        assertThat(texts(ws(plain))).containsExactly("a", "b", "c", "d");
    }

    @Test
    void linesCarryTheFileMetadata() throws IOException {
        Path file = Files.writeString(dir.resolve("BTCUSDT-1m-2024-01-01.csv"), "x\n");
        InputFile input = new InputFile(file.toString(), RecordFormat.KLINES_CSV, "BTCUSDT", Market.SPOT, "1m");

        RawLine line = read(input).get(0);

        assertThat(line.origin).isEqualTo(file.toString());
        assertThat(line.location()).isEqualTo(file + ":1");
        assertThat(line).extracting(l -> l.format, l -> l.symbol, l -> l.market, l -> l.interval, l -> l.text)
                .containsExactly(RecordFormat.KLINES_CSV, "BTCUSDT", Market.SPOT, "1m", "x");
    }

    static InputFile ws(Path file) {
        return new InputFile(file.toString(), RecordFormat.WS_JSON, null, Market.USDM, null);
    }

    static List<RawLine> read(InputFile file) throws IOException {
        try (BinanceFileReader reader = BinanceFileReader.open(file)) {
            List<RawLine> lines = new ArrayList<>();
            reader.forEachRemaining(lines::add);
            return lines;
        }
    }

    private static List<String> texts(InputFile file) throws IOException {
        return read(file).stream().map(l -> l.text).toList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
