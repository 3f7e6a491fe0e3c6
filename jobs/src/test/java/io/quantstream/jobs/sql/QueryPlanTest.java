package io.quantstream.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whether a streaming query's result ends, from the sources of its plan (no job runs). */
class QueryPlanTest {

    private static TableEnvironment env;

    @BeforeAll
    static void tables() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("CREATE TEMPORARY TABLE endless (symbol STRING, price DOUBLE) WITH ('connector' = 'datagen')");
        env.executeSql("CREATE TEMPORARY TABLE ten (symbol STRING, price DOUBLE)"
                + " WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
    }

    private static boolean bounded(String sql) {
        return QueryPlan.of(env, sql).bounded();
    }

    @Test
    void aQueryOnASourceThatDoesNotEndIsUnbounded() {
        assertThat(bounded("SELECT symbol, COUNT(*) FROM endless GROUP BY symbol")).isFalse();
        assertThat(bounded("SELECT * FROM ten UNION ALL SELECT * FROM endless")).isFalse();
    }

    @Test
    void aQueryWhoseSourcesAllEndIsBounded() {
        assertThat(bounded("SELECT symbol, COUNT(*) FROM ten GROUP BY symbol")).isTrue();
        assertThat(bounded("SELECT * FROM ten WHERE price > 0")).isTrue();
    }

    @Test
    void aStatementThatIsNotAQueryIsBounded() {
        assertThat(bounded("SHOW TABLES")).isTrue();
    }
}
