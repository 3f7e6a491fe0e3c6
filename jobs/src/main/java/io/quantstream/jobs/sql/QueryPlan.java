package io.quantstream.jobs.sql;

import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.transformations.WithBoundedness;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.internal.DQLCachedPlan;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.operations.CollectModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;

/**
 * One statement as {@code executeSql} runs it, parsed once and, for a query, planned once, so
 * that what Flink's planner makes of it can be looked at before it runs: the table API does not
 * say whether a query's result ends, its plan's sources do. Uses Flink's internal planner API
 * as the SQL client and gateway do ({@code executeSql} is parse, translate the query with a
 * collect sink, execute; {@link DQLCachedPlan} runs a query translated beforehand).
 */
final class QueryPlan {

    private final TableEnvironmentImpl tables;
    private final String sql;
    private final List<Operation> operations;
    private final CollectModifyOperation collect;
    private final List<Transformation<?>> transformations;

    private QueryPlan(TableEnvironmentImpl tables, String sql, List<Operation> operations,
            CollectModifyOperation collect, List<Transformation<?>> transformations) {
        this.tables = tables;
        this.sql = sql;
        this.operations = operations;
        this.collect = collect;
        this.transformations = transformations;
    }

    /**
     * Parses {@code sql} and, if it is a query, translates it (no job runs).
     *
     * @throws org.apache.flink.table.api.ValidationException and the like, as {@code executeSql}
     */
    static QueryPlan of(TableEnvironment env, String sql) {
        TableEnvironmentImpl tables = (TableEnvironmentImpl) env;
        List<Operation> operations = tables.getParser().parse(sql);
        if (operations.size() != 1 || !(operations.get(0) instanceof QueryOperation query)) {
            return new QueryPlan(tables, sql, operations, null, List.of());
        }
        CollectModifyOperation collect = new CollectModifyOperation(query);
        return new QueryPlan(tables, sql, operations, collect,
                tables.getPlanner().translate(List.of(collect)));
    }

    /**
     * Whether every source of the query says it ends ({@link Boundedness#BOUNDED}: a Kafka table
     * with {@code scan.bounded.mode}, a {@code datagen} table with {@code number-of-rows}); true
     * for a statement that is not a query. Some sources that end do not say so (in streaming,
     * Flink plans {@code VALUES} as an unbounded source).
     */
    boolean bounded() {
        return transformations.stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .noneMatch(t -> t instanceof WithBoundedness source
                        && source.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED);
    }

    /** Runs the statement as {@code executeSql} would; a query runs the plan made by {@link #of}. */
    TableResult execute() {
        if (collect != null) {
            return tables.executeCachedPlanInternal(
                    new DQLCachedPlan(collect.getChild(), collect, transformations));
        }
        return operations.size() == 1 ? tables.executeInternal(operations.get(0))
                : tables.executeSql(sql); // fails with Flink's message about one statement
    }
}
