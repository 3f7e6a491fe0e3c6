package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeGap;
import io.quantstream.model.UnscoredSymbol;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code sql/kafka-topics.sql} is the schema of every topic: its value columns are exactly the
 * fields the serde writes ({@link JsonRecords}, read from the JSON it produces, nested rows
 * included), each with the SQL type of its Java field.
 */
class KafkaTopicsSqlTest {

    private static final Path SQL = Path.of("..", "sql", "kafka-topics.sql");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTopicHasATable() throws IOException {
        assertThat(tables().keySet()).containsExactlyInAnyOrder("trades", "trade-gaps", "klines",
                "factors", "cross-sections", "target-positions", "target-deltas", "control",
                "control-actions", "dead-letters");
    }

    @Test
    void tradesTableHasEveryFieldWritten() throws IOException {
        check("trades", JsonRecords.TRADES, new Trade());
    }

    @Test
    void tradeGapsTableHasEveryFieldWritten() throws IOException {
        check("trade-gaps", JsonRecords.TRADE_GAPS, new TradeGap());
    }

    @Test
    void klinesTableHasEveryFieldWritten() throws IOException {
        check("klines", JsonRecords.KLINES, JsonRecordsTest.kline());
    }

    @Test
    void factorsTableHasEveryFieldWritten() throws IOException {
        FactorVector f = new FactorVector();
        f.names = new String[] {"ema_20"};
        f.values = new double[] {1.0};
        check("factors", JsonRecords.FACTORS, f);
    }

    @Test
    void crossSectionsTableHasEveryFieldWrittenIncludingNestedRows() throws IOException {
        CrossSection c = new CrossSection();
        c.missing = new String[] {"ETHUSDT"};
        c.scores = new SymbolScore[] {new SymbolScore(Market.USDM, "BTCUSDT", 1.0, BigDecimal.ONE)};
        c.unscored = new UnscoredSymbol[] {new UnscoredSymbol(Market.USDM, "SOLUSDT", "factor-not-finite", BigDecimal.ONE)};
        check("cross-sections", JsonRecords.CROSS_SECTIONS, c);
    }

    @Test
    void targetPositionsTableHasEveryFieldWritten() throws IOException {
        check("target-positions", JsonRecords.TARGET_POSITIONS, new TargetPosition());
    }

    @Test
    void targetDeltasTableHasEveryFieldWritten() throws IOException {
        check("target-deltas", JsonRecords.TARGET_DELTAS, new TargetDelta());
    }

    @Test
    void controlTableHasEveryFieldWritten() throws IOException {
        check("control", JsonRecords.CONTROL, new ControlCommand());
    }

    @Test
    void controlActionsTableHasEveryFieldWritten() throws IOException {
        ControlAction a = new ControlAction();
        a.changed = new String[] {"USDM:BTCUSDT"};
        check("control-actions", JsonRecords.CONTROL_ACTIONS, a);
    }

    @Test
    void deadLettersTableHasEveryFieldWritten() throws IOException {
        check("dead-letters", JsonRecords.DEAD_LETTERS, new DeadLetter());
    }

    private static <T> void check(String topic, JsonRecords<T> records, T sample) throws IOException {
        Table table = tables().get(topic);
        JsonNode written = JSON.readTree(records.value(sample));

        assertThat(table.valueColumns.keySet()).as("value columns of topic " + topic)
                .containsExactlyInAnyOrderElementsOf(names(written));
        for (Map.Entry<String, String> column : table.valueColumns.entrySet()) {
            Field field = field(records.type(), column.getKey());
            assertThat(column.getValue()).as(topic + "." + column.getKey())
                    .isEqualTo(sqlType(field.getType()));
            JsonNode value = written.get(column.getKey());
            if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                assertThat(rowFieldNames(column.getValue())).as(topic + "." + column.getKey() + " row fields")
                        .containsExactlyElementsOf(names(value.get(0)));
            }
        }
    }

    /** The SQL type a JSON field of this Java type reads as (types normalised: no backticks). */
    private static String sqlType(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return "BIGINT";
        } else if (type == double.class) {
            return "DOUBLE";
        } else if (type == boolean.class) {
            return "BOOLEAN";
        } else if (type == BigDecimal.class) {
            return "DECIMAL(38, 18)";
        } else if (type == String.class || type == Market.class) {
            return "STRING";
        } else if (type.isArray()) {
            return "ARRAY<" + sqlType(type.getComponentType()) + ">";
        }
        List<String> fields = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f.getName() + " " + sqlType(f.getType()));
            }
        }
        return "ROW<" + String.join(", ", fields) + ">";
    }

    private static List<String> rowFieldNames(String type) {
        Matcher m = Pattern.compile("ROW<(.*)>>?$").matcher(type);
        assertThat(m.find()).as("a ROW type: " + type).isTrue();
        return splitTopLevel(m.group(1)).stream().map(f -> f.trim().split("\\s+")[0]).collect(Collectors.toList());
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(type.getSimpleName() + " has no field " + name, e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A CREATE TABLE of the file: its value columns (name → type) and its WITH options. */
    private record Table(Map<String, String> valueColumns, Map<String, String> options) {}

    /** The tables of the file by topic. */
    private static Map<String, Table> tables() throws IOException {
        String sql = Files.readString(SQL).replaceAll("--[^\n]*", "");
        Matcher create = Pattern.compile("CREATE TABLE\\s+\\w+\\s*\\(").matcher(sql);
        Map<String, Table> tables = new LinkedHashMap<>();
        int from = 0;
        while (create.find(from)) {
            int bodyEnd = closing(sql, create.end() - 1);
            String body = sql.substring(create.end(), bodyEnd);
            Matcher with = Pattern.compile("\\G\\s*WITH\\s*\\(").matcher(sql);
            assertThat(with.find(bodyEnd + 1)).as("WITH after CREATE TABLE at " + create.start()).isTrue();
            int withEnd = closing(sql, with.end() - 1);
            Map<String, String> options = new LinkedHashMap<>();
            Matcher option = Pattern.compile("'([^']*)'\\s*=\\s*'([^']*)'").matcher(sql.substring(with.end(), withEnd));
            while (option.find()) {
                options.put(option.group(1), option.group(2));
            }
            List<String> keyFields = List.of(options.getOrDefault("key.fields", "").split(";"));
            Map<String, String> columns = new LinkedHashMap<>();
            for (String column : splitTopLevel(body)) {
                String c = column.trim().replace("`", "").replaceAll("\\s+", " ");
                if (c.startsWith("WATERMARK ") || c.contains(" METADATA ")) {
                    continue;
                }
                int space = c.indexOf(' ');
                String name = c.substring(0, space);
                if (!keyFields.contains(name)) {
                    columns.put(name, c.substring(space + 1));
                }
            }
            tables.put(options.get("topic"), new Table(columns, options));
            from = withEnd;
        }
        return tables;
    }

    /** Index of the parenthesis closing the one at {@code open}. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced parentheses from " + open);
    }

    /** Splits at commas outside parentheses and angle brackets. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(' || ch == '<') {
                depth++;
            } else if (ch == ')' || ch == '>') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
