package io.quantstream.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whether a streaming query's result ends, from the sources of its plan (no job runs). */
class QueryPlansTest {

    private static TableEnvironment env;

    @BeforeAll
    static void tables() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("CREATE TEMPORARY TABLE endless (symbol STRING, price DOUBLE) WITH ('connector' = 'datagen')");
        env.executeSql("CREATE TEMPORARY TABLE ten (symbol STRING, price DOUBLE)"
                + " WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
    }

    @Test
    void aQueryOnASourceThatDoesNotEndIsUnbounded() {
        assertThat(QueryPlans.bounded(env, "SELECT symbol, COUNT(*) FROM endless GROUP BY symbol")).isFalse();
        assertThat(QueryPlans.bounded(env, "SELECT * FROM ten UNION ALL SELECT * FROM endless")).isFalse();
    }

    @Test
    void aQueryWhoseSourcesAllEndIsBounded() {
        assertThat(QueryPlans.bounded(env, "SELECT symbol, COUNT(*) FROM ten GROUP BY symbol")).isTrue();
        assertThat(QueryPlans.bounded(env, "SELECT * FROM ten WHERE price > 0")).isTrue();
    }

    @Test
    void aStatementThatIsNotAQueryIsBounded() {
        assertThat(QueryPlans.bounded(env, "SHOW TABLES")).isTrue();
    }
}
