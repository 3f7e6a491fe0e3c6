package io.quantstream.jobs.cli;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.load.ArchiveDownloader;
import io.quantstream.connectors.iceberg.load.ArchiveFiles;
import io.quantstream.connectors.iceberg.load.ArchiveKind;
import io.quantstream.connectors.iceberg.load.ArchiveRequest;
import io.quantstream.connectors.iceberg.load.FileResult;
import io.quantstream.connectors.iceberg.load.HistoryLoader;
import io.quantstream.connectors.iceberg.load.LoadReport;
import io.quantstream.model.Market;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Stack;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream load}: Binance archive files into the Iceberg market tables. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Loads Binance archive files (aggTrades, trades, klines of any interval, markPriceKlines,"
                    + " fundingRate; zipped, gzipped or plain, in the data.binance.vision layout or"
                    + " flat) into the Iceberg tables market.trades, market.klines,"
                    + " market.mark_price_klines and market.funding_rates: one commit per file,"
                    + " each zip verified against its .CHECKSUM; a file already loaded is skipped.",
            "Catalog: the config's catalog: section, or --catalog.KEY value (default: Iceberg JDBC"
                    + " catalog on SQLite in .quantstream/warehouse; --catalog.warehouse DIR for another)."
        })
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH", parameterConsumer = UntilNextOption.class,
            description = "Archive files or folders (searched recursively).")
    List<File> inputs = new ArrayList<>();

    @Option(names = "--from-url", paramLabel = "BASE",
            description = "Download from BASE in the archive layout, e.g. https://data.binance.vision/data.")
    URI fromUrl;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "With --from-url.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "With --from-url: first day (2026-05-01) or month (2026-02).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "With --from-url: last day or month, inclusive.")
    String to;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "With --from-url: aggTrades, trades, klines, markPriceKlines or fundingRate.")
    String kind;

    @Option(names = "--interval", defaultValue = "1m", description = "With --from-url, for klines (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--market", paramLabel = "usdm|coinm|spot",
            description = "Market (--input default: from the archive folders; --from-url default: usdm).")
    String market;

    @Option(names = "--download-dir", paramLabel = "DIR",
            description = "Where --from-url stores files (default: .quantstream/downloads in the project).")
    File downloadDir;

    @Mixin CatalogOptions catalog;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (inputs.isEmpty() == (fromUrl == null)) {
            err.println("name the files with --input PATH... or download them with --from-url BASE"
                    + " --symbols A,B --from DATE --to DATE --kind KIND (one of the two)");
            return 2;
        }
        CatalogSpec catalogSpec = catalog.spec(overrides);
        List<String> problems = new ArrayList<>(catalogSpec.problems());
        Market marketOverride = market == null ? null : Market.parse(market);
        List<Path> paths = new ArrayList<>();
        ArchiveRequest request = null;
        if (fromUrl != null) {
            request = new ArchiveRequest(marketOverride == null ? Market.USDM : marketOverride,
                    kind == null ? null : ArchiveKind.parse(kind),
                    symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList(),
                    from == null ? "" : from, to == null ? "" : to, interval);
            if (request.kind() == null) {
                problems.add("--kind: which archive files to download (aggTrades, trades, klines,"
                        + " markPriceKlines or fundingRate)");
            } else {
                problems.addAll(request.problems());
            }
        } else {
            for (File input : inputs) {
                if (!input.exists()) {
                    throw new NoSuchFileException(input.getPath() + " (expected Binance archive files or folders)");
                }
                paths.add(input.toPath());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("error: " + p));
            return 2;
        }
        if (request != null) {
            Path folder = downloadDir != null ? downloadDir.toPath() : DemoCommand.home().resolve(".quantstream/downloads");
            ArchiveDownloader.Result downloaded = new ArchiveDownloader(fromUrl, folder, CommandOutput.stream(spec)).download(request);
            paths.addAll(downloaded.files());
            if (paths.isEmpty()) {
                err.println("none of the " + downloaded.missing().size() + " requested files is in the archive at " + fromUrl);
                return 1;
            }
        }
        ArchiveFiles.Discovery found = ArchiveFiles.discover(paths, request != null ? null : marketOverride);
        PrintStream out = CommandOutput.stream(spec);
        found.skipped().forEach(s -> out.println("skipped " + s));
        if (found.files().isEmpty()) {
            err.println("no Binance archive files in " + paths + " (expected files such as"
                    + " BTCUSDT-aggTrades-2026-05-08.zip, BTCUSDT-1m-2026-02.csv.gz or"
                    + " BTCUSDT-fundingRate-2026-04.zip, or folders of them)");
            return 2;
        }
        out.println("loading " + found.files().size() + " archive files into the " + catalogSpec);
        Catalog opened = IcebergCatalogs.open(catalogSpec);
        LoadProgress progress = new LoadProgress(out, System.console() != null);
        LoadReport report;
        try {
            report = new HistoryLoader(opened, progress).load(found.files());
        } finally {
            if (opened instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        progress.finish();
        report.print(out);
        double cpu = cpuSeconds();
        if (cpu > 0 && report.rows() > 0) {
            out.printf("  CPU %.1f s (user + sys of this process, start-up included): %,.0f rows per CPU-second%n",
                    cpu, report.rows() / cpu);
        }
        return report.count(FileResult.Status.FAILED) == 0 ? 0 : 1;
    }

    /**
     * Takes the paths after {@code --input} up to the next token that starts with {@code -}, so
     * that an override ({@code --catalog.warehouse DIR}) after the paths is not read as a path.
     */
    static final class UntilNextOption implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            List<File> paths = argSpec.getValue();
            int before = paths.size();
            while (!args.isEmpty() && !args.peek().startsWith("-")) {
                paths.add(new File(args.pop()));
            }
            if (paths.size() == before) {
                throw new ParameterException(commandSpec.commandLine(), "--input needs at least one PATH");
            }
        }
    }

    /** CPU time of this process so far, or 0 when the JVM does not tell. */
    private static double cpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : 0;
    }
}
