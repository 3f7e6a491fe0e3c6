package io.quantstream.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.jobs.sql.SqlStatements.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void semicolonsInLiteralsIdentifiersAndCommentsDoNotEndAStatement() {
        String script = String.join("\n",
                "-- a comment; not a statement",
                "SELECT 'it''s; fine', \"a;b\", `c;d` /* ; */ FROM t;",
                "  /*+ hint; */ SET 'k' = 'v;w'  ;;",
                "SELECT 1 -- trailing; comment",
                "");

        List<Statement> statements = SqlStatements.split(script, "s.sql");

        assertThat(statements).containsExactly(
                new Statement("SELECT 'it''s; fine', \"a;b\", `c;d` /* ; */ FROM t", "s.sql", 2, 1),
                new Statement("/*+ hint; */ SET 'k' = 'v;w'", "s.sql", 3, 3),
                new Statement("SELECT 1 -- trailing; comment", "s.sql", 4, 1));
    }

    @Test
    void anExecuteStatementSetBlockIsOneStatementUpToItsEnd() {
        String script = "EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 'end';\nEND;\n"
                + "BEGIN STATEMENT SET;\nINSERT INTO a SELECT 2;\nEND;";

        List<String> statements = SqlStatements.split(script, "-e").stream().map(Statement::sql).toList();

        assertThat(statements).containsExactly(
                "EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 'end';\nEND",
                "BEGIN STATEMENT SET", "INSERT INTO a SELECT 2", "END");
    }

    @Test
    void anUnterminatedLiteralIsAnErrorAtItsStart() {
        assertThatThrownBy(() -> SqlStatements.split("SELECT 1;\nSELECT 'open;", "x.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x.sql:2:8: unterminated string literal (no closing ')");
    }

    @Test
    void variablesAreReplacedAndAnUnknownOneIsNamed() {
        Map<String, String> values = Map.of("catalog.warehouse", "/w $1", "catalog.uri", "jdbc:sqlite:/w/c.db");

        assertThat(SqlStatements.substitute("'${catalog.uri}' '${catalog.warehouse}' ${ x", values, "a.sql"))
                .isEqualTo("'jdbc:sqlite:/w/c.db' '/w $1' ${ x");
        assertThatThrownBy(() -> SqlStatements.substitute("SELECT '${catalog.wharehouse}'", values, "a.sql"))
                .hasMessage("a.sql: unknown variable ${catalog.wharehouse} (known: ${catalog.uri}, ${catalog.warehouse})");
    }
}
