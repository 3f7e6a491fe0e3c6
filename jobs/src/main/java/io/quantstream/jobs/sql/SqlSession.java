package io.quantstream.jobs.sql;

import io.quantstream.jobs.sql.SqlStatements.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A SQL session on an embedded {@link TableEnvironment} (each job on a local MiniCluster) that
 * runs statements the way Flink's SQL client does: {@code SET 'key' = 'value'} and
 * {@code RESET ['key']} change the session's configuration, {@code BEGIN STATEMENT SET;} …
 * {@code END;} collects {@code INSERT}s into one job ({@code EXECUTE STATEMENT SET BEGIN … END}
 * goes to Flink as it is), queries and {@code SHOW}/{@code DESCRIBE}/{@code EXPLAIN} print their
 * rows, {@code INSERT}s wait for their job to finish.
 *
 * <p>The table environment is created at the first statement that is not a {@code SET} or
 * {@code RESET}, then the init statements run (the catalog scripts), so a script's
 * {@code SET 'execution.runtime-mode'} at its top applies. Flink's planner is fixed when the
 * environment is created: a later change of the runtime mode fails (the SQL client would start
 * a new environment; run such a script in a session of its own). Default time zone: UTC.
 *
 * <p>A query's result prints as {@code sql-client.execution.result-mode} says ({@link
 * ResultMode}, through {@link QueryPrinter}): in streaming, whether it ends is taken from its
 * plan's sources ({@link QueryPlan}; the query is planned once).
 */
public final class SqlSession {

    private static final Pattern SET = Pattern.compile(
            "SET\\s+(?:'([^']+)'|([\\w.\\-]+))\\s*=\\s*(?:'((?:[^']|'')*)'|(\\S+))", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_ALL = Pattern.compile("SET", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESET = Pattern.compile(
            "RESET(?:\\s+(?:'([^']+)'|([\\w.\\-]+)))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEGIN_SET = Pattern.compile("BEGIN\\s+STATEMENT\\s+SET", Pattern.CASE_INSENSITIVE);
    private static final Pattern END_SET = Pattern.compile("END", Pattern.CASE_INSENSITIVE);
    private static final Pattern WRITE = Pattern.compile("(INSERT|EXECUTE)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Map<String, String> defaults;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Statement> init;
    private final ResultPrinter printer;
    private final QueryPrinter queries;
    private TableEnvironment env;
    /** The runtime mode {@link #env} was created in. */
    private String envMode;
    private StatementSet statementSet;
    private Statement statementSetStart;

    /**
     * @param defaults configuration before any {@code SET} (a {@code RESET} returns to it)
     * @param init statements run when the table environment is created, before the first
     *     statement that needs it
     * @param refresh how often the result of a query that does not end prints (what changed)
     */
    public SqlSession(Map<String, String> defaults, List<Statement> init, ResultPrinter printer,
            Duration refresh) {
        this.defaults = new LinkedHashMap<>(Map.of(TableConfigOptions.LOCAL_TIME_ZONE.key(), "UTC"));
        this.defaults.putAll(defaults);
        this.settings.putAll(this.defaults);
        this.init = List.copyOf(init);
        this.printer = printer;
        this.queries = new QueryPrinter(printer, refresh);
    }

    /**
     * Runs one statement to its end (a query's rows printed, an insert's job finished).
     *
     * @throws SqlStatementException with the statement and Flink's message when it fails
     */
    public void execute(Statement statement) throws SqlStatementException {
        try {
            run(statement);
        } catch (SqlStatementException e) {
            throw e;
        } catch (Exception e) {
            throw new SqlStatementException(statement, e);
        }
    }

    /** Fails when a {@code BEGIN STATEMENT SET} is still open at the end of the input. */
    public void finish() throws SqlStatementException {
        if (statementSet != null) {
            throw new SqlStatementException(statementSetStart,
                    new IllegalArgumentException("BEGIN STATEMENT SET without END"));
        }
    }

    private void run(Statement statement) throws Exception {
        String sql = statement.sql();
        Matcher m;
        if ((m = SET.matcher(sql)).matches()) {
            set(m.group(1) != null ? m.group(1) : m.group(2),
                    m.group(3) != null ? m.group(3).replace("''", "'") : m.group(4));
        } else if (SET_ALL.matcher(sql).matches()) {
            printer.print(List.of("key", "value"), settings.entrySet().stream()
                    .map(e -> Row.of(e.getKey(), e.getValue())).iterator(), zone());
        } else if ((m = RESET.matcher(sql)).matches()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            if (key == null) {
                new ArrayList<>(settings.keySet()).forEach(this::reset);
            } else {
                reset(key);
            }
        } else if (BEGIN_SET.matcher(sql).matches()) {
            if (statementSet != null) {
                throw new IllegalArgumentException("a statement set is open already (since "
                        + statementSetStart.position() + ")");
            }
            statementSet = env().createStatementSet();
            statementSetStart = statement;
        } else if (END_SET.matcher(sql).matches()) {
            if (statementSet == null) {
                throw new IllegalArgumentException("END without BEGIN STATEMENT SET");
            }
            StatementSet inserts = statementSet;
            statementSet = null;
            inserts.execute().await();
        } else if (statementSet != null) {
            if (!sql.regionMatches(true, 0, "INSERT", 0, 6)) {
                throw new IllegalArgumentException("only INSERT statements go between BEGIN STATEMENT SET"
                        + " and END");
            }
            statementSet.addInsertSql(sql);
        } else {
            QueryPlan plan = QueryPlan.of(env(), sql);
            TableResult result = plan.execute();
            if (WRITE.matcher(sql).matches()) {
                result.await();
            } else if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
                print(plan, result);
            }
        }
    }

    /**
     * A query's result (it runs a job) as the session's {@link ResultMode} says; the rows of
     * {@code SHOW}, {@code DESCRIBE} and the like as they are.
     */
    private void print(QueryPlan plan, TableResult result) throws Exception {
        List<String> columns = result.getResolvedSchema().getColumnNames();
        try (CloseableIterator<Row> rows = result.collect()) {
            if (result.getJobClient().isEmpty()) {
                printer.print(columns, rows, zone());
                return;
            }
            boolean streaming = RuntimeExecutionMode.STREAMING.name().equalsIgnoreCase(envMode);
            ResultMode mode = ResultMode.parse(settings.getOrDefault(ResultMode.KEY, ResultMode.TABLE.name()));
            boolean bounded = !streaming || plan.bounded();
            queries.print(columns, rows, mode.changes(streaming), bounded, zone());
        }
    }

    private void set(String key, String value) {
        if (key.equals(ResultMode.KEY)) {
            ResultMode.parse(value);
        }
        if (env != null && key.equals(ExecutionOptions.RUNTIME_MODE.key()) && !value.equalsIgnoreCase(envMode)) {
            throw new IllegalArgumentException(key + " can change only before the session's first"
                    + " statement that is not a SET (Flink fixes the planner's mode when it creates"
                    + " the table environment; the mode is " + envMode + "): run this script in a"
                    + " session of its own");
        }
        settings.put(key, value);
        if (env != null) {
            env.getConfig().set(key, value);
        }
    }

    private void reset(String key) {
        String value = defaults.get(key);
        if (value != null) {
            set(key, value);
        } else if (key.equals(ExecutionOptions.RUNTIME_MODE.key()) && env != null) {
            // the environment keeps its mode (see set); the next SET of the mode must match it
            settings.put(key, envMode);
        } else {
            settings.remove(key);
            if (env != null) {
                env.getConfig().getConfiguration().removeKey(key);
            }
        }
    }

    private TableEnvironment env() throws SqlStatementException {
        if (env == null) {
            env = TableEnvironment.create(Configuration.fromMap(settings));
            envMode = env.getConfig().get(ExecutionOptions.RUNTIME_MODE).name().toLowerCase(Locale.ROOT);
            for (Statement statement : init) {
                execute(statement);
            }
        }
        return env;
    }

    /** The session's time zone, for {@code TIMESTAMP_LTZ} values (UTC until there is an environment). */
    private ZoneId zone() {
        return env == null ? ZoneId.of("UTC") : env.getConfig().getLocalTimeZone();
    }
}
