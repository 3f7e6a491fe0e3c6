package io.quantstream.jobs.sql;

import io.quantstream.jobs.sql.SqlStatements.Statement;

/**
 * A statement that failed: its message is the statement's position ({@code file:line:column}),
 * its first line and Flink's message (plus the root cause's when that says more), e.g.
 * {@code sql/a.sql:3:1: SELECT nope FROM t: SQL validation failed. From line 1, column 8 to line
 * 1, column 11: Column 'nope' not found in any table}. Positions inside Flink's message count
 * from the statement's start.
 */
public final class SqlStatementException extends Exception {

    private final transient Statement statement;

    public SqlStatementException(Statement statement, Throwable cause) {
        super(statement.position() + ": " + statement.firstLine() + ": " + flinkMessage(cause), cause);
        this.statement = statement;
    }

    /** The statement that failed. */
    public Statement statement() {
        return statement;
    }

    private static String flinkMessage(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage().strip() : e.toString();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = root.getMessage() != null ? root.getMessage().strip() : root.toString();
        return root == e || message.contains(rootMessage) ? message : message + " (caused by: " + rootMessage + ")";
    }
}
