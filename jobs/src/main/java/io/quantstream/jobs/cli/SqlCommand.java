package io.quantstream.jobs.cli;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.jobs.local.LocalCluster;
import io.quantstream.jobs.sql.ResultMode;
import io.quantstream.jobs.sql.ResultPrinter;
import io.quantstream.jobs.sql.SqlSession;
import io.quantstream.jobs.sql.SqlStatementException;
import io.quantstream.jobs.sql.SqlStatements;
import io.quantstream.jobs.sql.SqlStatements.Statement;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream sql}: Flink SQL scripts on an embedded table environment. */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        customSynopsis = "quantstream sql [FILE...] [-e STATEMENTS] [--format table|csv]"
                + " [--result-mode table|changelog|tableau] [--refresh SECONDS] [--no-init]"
                + " [--config FILE] [--catalog.KEY value]",
        description = {
            "Runs Flink SQL scripts in one session on an embedded Flink (the same files run in"
                    + " Flink's SQL client on a cluster: bin/sql-client). Statements end with ';'"
                    + " (outside quotes and comments); SET 'key' = 'value', RESET, BEGIN STATEMENT"
                    + " SET; ... END; and EXECUTE STATEMENT SET BEGIN ... END; work as in the SQL"
                    + " client. Query results print as a table or CSV (one block per query,"
                    + " separated by an empty line). A failing statement stops the run: its"
                    + " position and Flink's message, exit code 1.",
            "A streaming query's result is a changelog (+I, -U, +U, -D). Result mode table (the"
                    + " default) prints it applied: the final rows when every source ends, and"
                    + " while a query on a source that does not end (a Kafka topic) runs, its rows"
                    + " so far every --refresh seconds in which they changed. changelog prints the"
                    + " changes with their kind in a column op (since the last print, for such a"
                    + " query); tableau as Flink's SQL client: the table in batch, the changes in"
                    + " streaming. SET 'sql-client.execution.result-mode' = '...' changes it in a"
                    + " script.",
            "Before the scripts: sql/kafka-topics.sql and sql/catalog.sql (the Kafka topic tables"
                    + " and the Iceberg catalog `quantstream`), unless --no-init. ${catalog.warehouse}"
                    + " and ${catalog.uri} in every file are replaced by the catalog's (the config's"
                    + " catalog: section or --catalog.KEY value; default: JDBC catalog on SQLite in"
                    + " .quantstream/warehouse)."
        })
final class SqlCommand implements Callable<Integer> {

    /** Slots of the embedded cluster and parallelism of its jobs: the cores of this machine. */
    private static final int PARALLELISM = 2;

    @Option(names = {"-e", "--execute"}, paramLabel = "STATEMENTS",
            description = "Statements to run after the files, e.g. \"SELECT * FROM quantstream.market.klines LIMIT 5\".")
    String execute;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
            description = "How query results print (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--result-mode", defaultValue = "table", paramLabel = "table|changelog|tableau",
            description = "How a query's result prints (default: ${DEFAULT-VALUE}; Flink's"
                    + " sql-client.execution.result-mode).")
    String resultMode;

    @Option(names = "--refresh", defaultValue = "5", paramLabel = "SECONDS",
            description = "How often a query whose sources do not end prints what changed (default: ${DEFAULT-VALUE}).")
    double refreshSeconds;

    @Option(names = "--no-init", description = "Do not run sql/kafka-topics.sql and sql/catalog.sql first.")
    boolean noInit;

    @Mixin CatalogOptions catalogOptions;

    /** SQL files and {@code --catalog.KEY value} overrides, in any order. */
    @Unmatched List<String> arguments = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg.startsWith("--") && arg.contains(".") && i + 1 < arguments.size()) {
                overrides.add(arg);
                overrides.add(arguments.get(++i));
            } else if (arg.startsWith("-")) {
                err.println("error: unknown option " + arg + " (see bin/quantstream sql --help)");
                return 2;
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty() && execute == null) {
            err.println("error: name SQL files, or statements with -e \"STATEMENTS\"");
            return 2;
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file + " (expected a SQL script)");
            }
        }
        ResultPrinter.Format resultFormat = ResultPrinter.Format.parse(format);
        ResultMode.parse(resultMode, "--result-mode");
        if (!(refreshSeconds >= 0.001)) {
            err.println("error: --refresh must be at least 0.001 seconds, not " + refreshSeconds);
            return 2;
        }
        CatalogSpec catalog = catalogOptions.spec(overrides);
        if (!catalog.problems().isEmpty()) {
            catalog.problems().forEach(p -> err.println("error: " + p));
            return 2;
        }
        Map<String, String> variables = variables(catalog);
        List<Statement> init = new ArrayList<>();
        if (!noInit) {
            if (!catalog.type().equals("jdbc")) {
                err.println("error: sql/catalog.sql declares a JDBC catalog, this one is " + catalog
                        + ": run with --no-init and a CREATE CATALOG of your own");
                return 2;
            }
            Path warehouse = localWarehouse(catalog);
            if (warehouse != null && !Files.isDirectory(warehouse)) {
                err.println("error: no warehouse at " + warehouse + " (catalog.warehouse): load history"
                        + " into it first (bin/quantstream load --catalog.warehouse " + warehouse
                        + " --input ...), or name the one it is in; the queries would read empty tables");
                return 2;
            }
            createTables(catalog);
            for (String name : List.of("sql/kafka-topics.sql", "sql/catalog.sql")) {
                init.addAll(statements(DemoCommand.home().resolve(name), variables));
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (Path file : files) {
            statements.addAll(statements(file, variables));
        }
        if (execute != null) {
            statements.addAll(SqlStatements.split(SqlStatements.substitute(execute, variables, "-e"), "-e"));
        }
        PrintWriter out = spec.commandLine().getOut();
        // one MiniCluster for the session's jobs, which the table environment submits to as to
        // a remote cluster (its classes are this process's)
        try (LocalCluster cluster = new LocalCluster(new Configuration(), PARALLELISM, "0")) {
            SqlSession session = new SqlSession(Map.of(
                    DeploymentOptions.TARGET.key(), "remote",
                    RestOptions.ADDRESS.key(), cluster.webUi().getHost(),
                    RestOptions.PORT.key(), String.valueOf(cluster.webUi().getPort()),
                    CoreOptions.DEFAULT_PARALLELISM.key(), String.valueOf(PARALLELISM),
                    ResultMode.KEY, resultMode),
                    init, new ResultPrinter(out, resultFormat), Duration.ofMillis(Math.round(refreshSeconds * 1000)));
            for (Statement statement : statements) {
                session.execute(statement);
            }
            session.finish();
        } catch (SqlStatementException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static List<Statement> statements(Path file, Map<String, String> variables) throws Exception {
        return SqlStatements.split(SqlStatements.substitute(Files.readString(file), variables,
                file.toString()), file.toString());
    }

    /**
     * {@code ${catalog.warehouse}}: the warehouse, a local folder made absolute (the SQL client
     * and the cluster's processes may run in other folders); {@code ${catalog.uri}}: the catalog
     * database, by default the SQLite file the embedded catalog uses.
     */
    static Map<String, String> variables(CatalogSpec catalog) {
        Path local = localWarehouse(catalog);
        String warehouse = local == null ? catalog.warehouse() : local.toString();
        String uri = catalog.uri().isBlank() ? "jdbc:sqlite:" + Path.of(warehouse, "catalog.db") : catalog.uri();
        return Map.of("catalog.warehouse", warehouse, "catalog.uri", uri);
    }

    /** The warehouse as an absolute local folder, or null when it is elsewhere ({@code s3://…}). */
    private static Path localWarehouse(CatalogSpec catalog) {
        String given = catalog.warehouse();
        Path local = given.startsWith("file:") ? Path.of(URI.create(given))
                : given.contains("://") ? null : Path.of(given);
        return local == null ? null : local.toAbsolutePath().normalize();
    }

    /** The quantstream tables exist once the catalog has been opened (the SQL catalog only reads). */
    private static void createTables(CatalogSpec spec) throws Exception {
        Catalog catalog = IcebergCatalogs.open(spec);
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
