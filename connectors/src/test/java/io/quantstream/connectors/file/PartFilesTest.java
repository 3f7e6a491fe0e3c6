package io.quantstream.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assembly of the output files from committed part files ({@link PartFiles#assemble}). */
class PartFilesTest {

    private static final String ROW_1 = "1721347080000,64000.1,64010.0,63990.0,64005.5,1.5,1721347139999,96008.25,12,0.5,32002.75,0";
    private static final String ROW_2 = "1721347140000,64005.5,64005.5,64005.5,64005.5,0,1721347199999,0,0,0,0,0";
    private static final String ROW_3 = "1721347200000,64005.5,64020.0,64001.0,64019.0,2.0,1721347259999,128040.0,7,1.0,64020.0,0";

    @Test
    void klineCsvHasTheHeaderOnceThenTheCommittedPartsInPartNumberOrder(@TempDir Path dir)
            throws IOException {
        Path folder = Files.createDirectories(dir.resolve("parts/BTCUSDT-1m.csv"));
        // numbers compared as numbers: part 10 comes after part 9 (as text it would not)
        write(folder.resolve("part-0-10.csv"), KlineCsv.HEADER, ROW_3);
        write(folder.resolve("part-0-9.csv"), KlineCsv.HEADER, ROW_1, ROW_2);
        // a failed attempt's unfinished part, and one being written: never assembled
        write(folder.resolve(".part-0-11.csv.inprogress.3f1c"), KlineCsv.HEADER, ROW_1);
        write(folder.resolve(".part-0-0000000011.csv.inprogress.9a2b"), KlineCsv.HEADER, ROW_3);

        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, ROW_1, ROW_2, ROW_3);
        assertThat(dir.resolve("parts")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("BTCUSDT-1m.csv");
        }
    }

    @Test
    void jsonLinesComeInSubtaskThenPartNumberOrderWithoutHeader(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("parts/factors.jsonl"));
        write(folder.resolve("part-1-0000000000.jsonl"), "{\"s\":\"c\"}");
        write(folder.resolve("part-0-0000000004.jsonl"), "{\"s\":\"b\"}");
        write(folder.resolve("part-0-0000000001.jsonl"), "{\"s\":\"a\"}");

        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("factors.jsonl")))
                .containsExactly("{\"s\":\"a\"}", "{\"s\":\"b\"}", "{\"s\":\"c\"}");
    }

    @Test
    void aFolderWithoutCommittedPartsGivesAnEmptyFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("parts/dead-letters.jsonl"));
        Path klines = Files.createDirectories(dir.resolve("parts/ETHUSDT-5m.csv"));
        write(klines.resolve(".part-0-0000000000.csv.inprogress.77aa"), KlineCsv.HEADER, ROW_1);

        PartFiles.assemble(dir);

        assertThat(dir.resolve("dead-letters.jsonl")).isEmptyFile();
        assertThat(Files.readAllLines(dir.resolve("ETHUSDT-5m.csv"))).containsExactly(KlineCsv.HEADER);
    }

    @Test
    void theAssembledFileReplacesAnEarlierOne(@TempDir Path dir) throws IOException {
        write(dir.resolve("BTCUSDT-1m.csv"), KlineCsv.HEADER, ROW_3, ROW_2, ROW_1);
        Path folder = Files.createDirectories(dir.resolve("parts/BTCUSDT-1m.csv"));
        write(folder.resolve("part-0-0000000000.csv"), KlineCsv.HEADER, ROW_1);

        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, ROW_1);
    }

    @Test
    void partsInAMarketFolderAssembleIntoThatFolder(@TempDir Path dir) throws IOException {
        Path usdm = Files.createDirectories(dir.resolve("parts/usdm/BTCUSDT-1m.csv"));
        Path spot = Files.createDirectories(dir.resolve("parts/spot/BTCUSDT-1m.csv"));
        Files.createDirectories(dir.resolve("parts/dead-letters.jsonl"));
        write(usdm.resolve("part-0-0000000000.csv"), KlineCsv.HEADER, ROW_1);
        write(spot.resolve("part-0-0000000000.csv"), KlineCsv.HEADER, ROW_2, ROW_3);

        assertThat(PartFiles.outputs(dir.resolve("parts"))).containsExactly(
                "dead-letters.jsonl", "spot/BTCUSDT-1m.csv", "usdm/BTCUSDT-1m.csv");
        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("usdm/BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, ROW_1);
        assertThat(Files.readAllLines(dir.resolve("spot/BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, ROW_2, ROW_3);
        assertThat(dir.resolve("dead-letters.jsonl")).isEmptyFile();
        assertThat(dir.resolve("parts")).doesNotExist();
    }

    @Test
    void aKlinePartWithoutTheHeaderIsAnErrorAndKeepsTheParts(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("parts/BTCUSDT-1m.csv"));
        write(folder.resolve("part-0-0000000000.csv"), KlineCsv.HEADER, ROW_1);
        write(folder.resolve("part-0-0000000001.csv"), ROW_2);

        assertThatThrownBy(() -> PartFiles.assemble(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("part-0-0000000001.csv does not start with the header");
        assertThat(folder.resolve("part-0-0000000001.csv")).exists();
        assertThat(dir.resolve("BTCUSDT-1m.csv")).doesNotExist();
        assertThat(dir.resolve(".BTCUSDT-1m.csv.assembling")).doesNotExist();
    }

    @Test
    void withoutPartsNothingChanges(@TempDir Path dir) throws IOException {
        write(dir.resolve("BTCUSDT-1m.csv"), KlineCsv.HEADER, ROW_1);

        PartFiles.assemble(dir);

        assertThat(Files.readAllLines(dir.resolve("BTCUSDT-1m.csv")))
                .containsExactly(KlineCsv.HEADER, ROW_1);
    }

    @Test
    void partNamesCarrySubtaskNumberAndExtension() {
        String committed = PartFiles.committedName("BTCUSDT-1m.csv", 0, 42);
        assertThat(committed).isEqualTo("part-0-0000000042.csv");
        assertThat(PartFiles.PartName.parse(committed))
                .isEqualTo(new PartFiles.PartName(0, 42, true));
        assertThat(PartFiles.PartName.parse(PartFiles.inProgressName(committed, "a1-b2")))
                .isEqualTo(new PartFiles.PartName(0, 42, false));
        assertThat(PartFiles.PartName.parse("BTCUSDT-1m.csv")).isNull();
        assertThat(PartFiles.PartName.parse(".BTCUSDT-1m.csv.assembling")).isNull();
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines));
    }
}
