package io.quantstream.jobs.sql;

import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.transformations.WithBoundedness;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.operations.CollectModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;

/**
 * What Flink's planner makes of a query. The table API does not say whether a query's result
 * ends, so this plans the query as {@code executeSql} does and looks at its sources (Flink's
 * internal planner API, as the SQL client itself uses it).
 */
final class QueryPlans {

    private QueryPlans() {}

    /**
     * Whether every source of {@code sql} says it ends ({@link Boundedness#BOUNDED}: a Kafka table
     * with {@code scan.bounded.mode}, a {@code datagen} table with {@code number-of-rows}); true
     * for a statement that is not a query. Some sources that end do not say so (in streaming,
     * Flink plans {@code VALUES} as an unbounded source).
     */
    static boolean bounded(TableEnvironment env, String sql) {
        TableEnvironmentImpl tables = (TableEnvironmentImpl) env;
        List<Operation> operations = tables.getParser().parse(sql);
        if (operations.size() != 1 || !(operations.get(0) instanceof QueryOperation query)) {
            return true;
        }
        List<Transformation<?>> plan = tables.getPlanner().translate(List.of(new CollectModifyOperation(query)));
        return plan.stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .noneMatch(t -> t instanceof WithBoundedness source
                        && source.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED);
    }
}
