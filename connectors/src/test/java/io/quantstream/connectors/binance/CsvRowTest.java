package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvRowTest {

    @Test
    void splitsOnEveryComma() {
        CsvRow row = new CsvRow("1,,2.5,");
        assertThat(row.size()).isEqualTo(4);
        assertThat(List.of(row.field(0), row.field(1), row.field(2), row.field(3)))
                .containsExactly("1", "", "2.5", "");
        assertThat(new CsvRow("").size()).isEqualTo(1);
        CsvRow wide = new CsvRow(",".repeat(29) + "last");
        assertThat(wide.size()).isEqualTo(30);
        assertThat(wide.field(28)).isEmpty();
        assertThat(wide.field(29)).isEqualTo("last");
    }

    @Test
    void decimalsEqualBigDecimalOfTheTextInValueAndScale() throws Exception {
        List<String> texts = List.of("10.1130", "0.00000001", "-0.5", "-0", "5.", ".5", "007.10",
                "123456789012345678", "12345678901234567.8", "1234567890123456789",
                "99999999999999999999.99", "1e5", "+1.5", "-1E-3", "0");
        String line = String.join(",", texts);
        CsvRow row = new CsvRow(line);
        for (int i = 0; i < texts.size(); i++) {
            BigDecimal parsed = row.decimalField(i, "x");
            BigDecimal expected = new BigDecimal(texts.get(i));
            assertThat(parsed).as(texts.get(i)).isEqualTo(expected);
            assertThat(parsed.scale()).as(texts.get(i)).isEqualTo(expected.scale());
        }
    }

    @Test
    void randomDecimalsMatchBigDecimal() throws Exception {
        Random random = new Random(3);
        for (int n = 0; n < 10_000; n++) {
            String text = (random.nextInt(10) == 0 ? "-" : "")
                    + Long.toString(Math.abs(random.nextLong()) >>> random.nextInt(63))
                    + (random.nextBoolean() ? "." + Integer.toString(random.nextInt(1_000_000))
                    : "");
            BigDecimal parsed = new CsvRow("7," + text).decimalField(1, "x");
            assertThat(parsed).as(text).isEqualTo(new BigDecimal(text));
        }
    }

    @Test
    void integersFollowLongParseLong() throws Exception {
        CsvRow row = new CsvRow("1769904000029,-5,+7,9223372036854775807,0012");
        assertThat(row.longField(0, "x")).isEqualTo(1769904000029L);
        assertThat(row.longField(1, "x")).isEqualTo(-5);
        assertThat(row.longField(2, "x")).isEqualTo(7);
        assertThat(row.longField(3, "x")).isEqualTo(Long.MAX_VALUE);
        assertThat(row.longField(4, "x")).isEqualTo(12);
    }

    @Test
    void badFieldsAreReportedWithTheirText() {
        CsvRow row = new CsvRow("1.2.3,,x1,9223372036854775808,True,FALSE,yes, true");
        assertThatThrownBy(() -> row.decimalField(0, "price")).isInstanceOf(BadLineException.class)
                .hasMessageContaining("price: '1.2.3' is not a decimal");
        assertThatThrownBy(() -> row.decimalField(1, "qty")).isInstanceOf(BadLineException.class);
        assertThatThrownBy(() -> row.longField(2, "id")).hasMessageContaining("'x1'");
        assertThatThrownBy(() -> row.longField(3, "id")).isInstanceOf(BadLineException.class);
        assertThatThrownBy(() -> row.longField(1, "id")).isInstanceOf(BadLineException.class);
    }

    @Test
    void booleansIgnoreCaseButNothingElse() throws Exception {
        CsvRow row = new CsvRow("True,FALSE,yes, true");
        assertThat(row.booleanField(0, "m")).isTrue();
        assertThat(row.booleanField(1, "m")).isFalse();
        assertThatThrownBy(() -> row.booleanField(2, "m")).hasMessageContaining("'yes'");
        assertThatThrownBy(() -> row.booleanField(3, "m")).hasMessageContaining("' true'");
    }
}
