package io.quantstream.jobs.sql;

import java.util.Locale;

/**
 * How a query's result prints, named as Flink's SQL client names them
 * ({@code sql-client.execution.result-mode}): {@link #TABLE} the result as a table (the changelog
 * applied), {@link #CHANGELOG} every change with its kind, {@link #TABLEAU} as the SQL client's
 * tableau mode prints (a table in batch, the changelog in streaming).
 */
public enum ResultMode {
    TABLE, CHANGELOG, TABLEAU;

    /** The session setting that picks the mode, Flink's SQL client's key. */
    public static final String KEY = "sql-client.execution.result-mode";

    /** {@code table}, {@code changelog} or {@code tableau}, any case. */
    public static ResultMode parse(String name) {
        return parse(name, KEY);
    }

    /**
     * As {@link #parse(String)}.
     *
     * @param setting where the name was given, for the message ({@code --result-mode})
     * @throws IllegalArgumentException naming the setting and the modes when the name is none
     */
    public static ResultMode parse(String name, String setting) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": unknown result mode '" + name
                    + "' (expected table, changelog or tableau)");
        }
    }

    /** Whether results print as changes ({@code +I}, {@code -U}, {@code +U}, {@code -D}). */
    boolean changes(boolean streaming) {
        return this == CHANGELOG || (this == TABLEAU && streaming);
    }
}
