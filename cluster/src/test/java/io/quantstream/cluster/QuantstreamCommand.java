package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code bin/quantstream} command line for a child JVM: the CLI from the shaded job jar on the
 * class path the build writes for local runs ({@code jobs/target/flink-classpath.txt}: Flink,
 * Iceberg, Kafka), as the launcher runs it, but without a rebuild.
 */
final class QuantstreamCommand {

    private QuantstreamCommand() {}

    /** {@code java -cp JAR:CLASSPATH QuantstreamCli ARGS…}. */
    static List<String> of(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("quantstream.jobJar") + ":" + Files.readString(
                        Paths.get(System.getProperty("quantstream.flinkClasspath"))).strip(),
                "io.quantstream.jobs.cli.QuantstreamCli"));
        command.addAll(args);
        return command;
    }

    /**
     * Loads the 2026-02 USD-M 1m kline files of {@code symbols} (in {@code ../shared/data}) into
     * {@code warehouse} with {@code bin/quantstream load}, its output in
     * {@code <cluster log folder>/load.out}.
     */
    static void loadFebruaryKlines(StandaloneCluster cluster, Path warehouse, List<String> symbols)
            throws IOException, InterruptedException {
        List<String> load = new ArrayList<>(List.of("load", "--input"));
        for (String symbol : symbols) {
            load.add(SharedData.require("binance/vision/futures/um/monthly/klines/%s/1m/%s-1m-2026-02.csv.gz"
                    .formatted(symbol, symbol)).toString());
        }
        load.addAll(List.of("--catalog.warehouse", warehouse.toString()));
        Path output = cluster.logDir().resolve("load.out");
        assertThat(cluster.run(of(load), Map.of(), output, 120)).as("quantstream load; see %s", output)
                .isZero();
    }
}
