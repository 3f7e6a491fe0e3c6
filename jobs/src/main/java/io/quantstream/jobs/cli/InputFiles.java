package io.quantstream.jobs.cli;

import java.io.File;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The trade files a command reads ({@code klines}, {@code replay}), and what their paths may not
 * say: the market and the symbol.
 */
final class InputFiles {

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "PATH",
            description = "Files or folders (searched recursively).")
    List<File> paths;

    @Option(names = "--market", paramLabel = "usdm|coinm|spot",
            description = "Market (default: from the folders).")
    String market = "";

    @Option(names = "--symbol", description = "Symbol for files whose name does not carry it.")
    String symbol = "";
}
