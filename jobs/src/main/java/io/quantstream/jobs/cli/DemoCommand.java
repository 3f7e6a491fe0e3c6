package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalRun;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quantstream demo}: the main job on its embedded default — the whole pipeline on the real
 * Binance data in {@code ../shared/data} ({@code config/demo.yaml}).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline on real Binance data: the BTCUSDT/ETHUSDT websocket captures"
                    + " (trades to klines) and the 2026-02 1m klines of seven USD-M perpetuals"
                    + " (klines to factors, cross-section and target positions).",
            "Parameters: config/demo.yaml."
        })
final class DemoCommand implements Callable<Integer> {

    /** Files the demo reads, relative to the data folder. */
    static final List<String> REQUIRED = List.of(
            "binance/ws/usdm/btcusdt_20240718.gz",
            "binance/ws/usdm/btcusdt_20240719.gz",
            "binance/ws/usdm/ethusdt_20240718.gz",
            "binance/ws/usdm/ethusdt_20240719.gz",
            "binance/vision/futures/um/monthly/klines/ALGOUSDT/1m/ALGOUSDT-1m-2026-02.csv.gz");

    /** What the data folder holds, for messages. */
    private static final String LAYOUT = "the shared data folder, see ../shared/data/README.md:"
            + " websocket captures under binance/ws/usdm/ and monthly 1m klines under"
            + " binance/vision/futures/um/monthly/klines/<SYMBOL>/1m/";

    static Path home() {
        return Paths.get(System.getProperty("quantstream.home", ".")).toAbsolutePath().normalize();
    }

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder in the ../shared/data layout (default: ../shared/data).")
    File data;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "out/demo",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    File output;

    @Option(names = "--mode", defaultValue = "streaming", paramLabel = "batch|streaming",
            description = "Flink runtime mode (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--no-web-ui", description = "Do not serve the Flink web UI on port 8081.")
    boolean noWebUi;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dataDir = data != null ? data.toPath().toAbsolutePath().normalize()
                : home().resolve("../shared/data").normalize();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dataDir)) {
            err.println((Files.exists(dataDir) ? dataDir + " is a file, not a folder"
                    : "no such folder: " + dataDir) + " (expected " + LAYOUT + ")");
            return 2;
        }
        List<String> missing = new ArrayList<>();
        for (String file : REQUIRED) {
            if (!Files.exists(dataDir.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            err.println("The demo reads real Binance data from " + dataDir + " and these"
                    + " files are missing:");
            missing.forEach(f -> err.println("  " + f));
            err.println("Expected " + LAYOUT + ". Put them there, or point --data at a folder"
                    + " with that layout.");
            return 2;
        }
        JobConfig config = ConfigLoader.load(home().resolve("config/demo.yaml"), List.of());
        config.input.dataDir = dataDir.toString();
        config.output = output.getPath();
        config.mode = mode;
        ConfigValidator.validate(config); // before the last run's outputs are cleared
        System.out.println("quantstream demo: " + config.mode + " mode, data from " + dataDir);
        LocalRun.execute(config, !noWebUi, System.out);
        TargetPositionsPreview.print(System.out, output.toPath());
        return 0;
    }
}
