package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.connectors.replay.Speed;
import io.quantstream.jobs.local.LiveRun;
import io.quantstream.jobs.local.LocalBroker;
import io.quantstream.jobs.local.LocalRun;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quantstream demo}: the main job run as in production, then the strategy on a month of
 * history, on the real Binance data in {@code ../shared/data}.
 *
 * <ol>
 *   <li><b>live</b>: a Kafka broker of its own, the BTCUSDT and ETHUSDT captures replayed onto its
 *       {@code trades} topic at max speed, {@code PipelineJob} ({@code config/kafka-jobs.yaml})
 *       on the MiniCluster reading it ({@link LiveRun}: checkpoints, exactly-once sinks), drained
 *       when the replay is through; its output topics written to {@code <output>/live};
 *   <li><b>history</b>: the file job ({@code config/demo.yaml}) on the 2026-02 1m klines of seven
 *       USD-M perpetuals: roll-ups, factors, cross-section and target positions, in
 *       {@code <output>/history};
 *   <li><b>backtest</b>: those kline files loaded into the embedded Iceberg warehouse (once), and
 *       {@code backtest} of {@code config/backtest.yaml} over them: fills, ledger and the report
 *       page in {@code <output>/backtest}.
 * </ol>
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the main job as in production, then the strategy on a month of history, on real"
                    + " Binance data:",
            "live: the BTCUSDT/ETHUSDT websocket captures replayed through a local Kafka broker"
                    + " into PipelineJob (trades to klines, factors, cross-sections and target positions"
                    + " on topics; config/kafka-jobs.yaml), ending when the replay is through;",
            "history: the 2026-02 1m klines of seven USD-M perpetuals through the file job (klines"
                    + " to factors, cross-section and target positions; config/demo.yaml);",
            "backtest: those klines loaded into the embedded Iceberg warehouse and backtested"
                    + " (config/backtest.yaml): fills, ledger, statistics and report.html."
        })
final class DemoCommand implements Callable<Integer> {

    /** Files the demo reads, relative to the data folder. */
    static final List<String> REQUIRED = List.of(
            "binance/ws/usdm/btcusdt_20240718.gz",
            "binance/ws/usdm/btcusdt_20240719.gz",
            "binance/ws/usdm/ethusdt_20240718.gz",
            "binance/ws/usdm/ethusdt_20240719.gz",
            "binance/vision/futures/um/monthly/klines/ALGOUSDT/1m/ALGOUSDT-1m-2026-02.csv.gz");

    /** The captures the live phase replays, relative to the data folder. */
    private static final String CAPTURES = "binance/ws/usdm";
    /** The monthly kline files of the history and backtest phases, relative to the data folder. */
    private static final String HISTORY_KLINES = "binance/vision/futures/um/monthly/klines";

    /**
     * {@code segment.ms} of the live phase's topics (100 years): Kafka rolls a segment once its
     * first record's timestamp is older than this, and replayed 2024 trades and their outputs
     * carry 2024 timestamps; with the default (7 days) every segment rolls at once and the
     * compacted {@code target-positions} topic keeps only the latest target per key within
     * seconds, so the summary would show a varying part of what the job wrote.
     */
    private static final String HISTORY_SEGMENT_MS = "3153600000000";

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration BROKER_STOP = Duration.ofSeconds(30);

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
            description = "Output folder: DIR/live (the topics), DIR/history (default: ${DEFAULT-VALUE}).")
    File output;

    @Option(names = "--mode", defaultValue = "streaming", paramLabel = "batch|streaming|automatic",
            description = "Flink runtime mode of the history phase; the same targets either way"
                    + " (default: ${DEFAULT-VALUE}). The live phase is streaming: its sources never end.")
    String mode;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = ".quantstream/demo",
            description = "The live phase's broker data and checkpoints, emptied at start"
                    + " (default: ${DEFAULT-VALUE}).")
    File work;

    @Mixin WebUiOption webUi;

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
        JobConfig history = ConfigLoader.load(home().resolve("config/demo.yaml"), List.of());
        history.input.dataDir = dataDir.toString();
        history.output = output.toPath().resolve("history").toString();
        history.mode = mode;
        ConfigValidator.validate(history); // before the last run's outputs are cleared
        JobConfig live = ConfigLoader.load(home().resolve("config/kafka-jobs.yaml"), List.of());

        PrintStream out = CommandOutput.stream(spec);
        long start = System.nanoTime();
        out.println("quantstream demo: data from " + dataDir);
        out.println();
        out.println("== live: the BTCUSDT and ETHUSDT captures replayed through Kafka into"
                + " PipelineJob (config/kafka-jobs.yaml)");
        live(live, dataDir.resolve(CAPTURES), out);
        out.println();
        out.println("== history: the 2026-02 1m klines of seven USD-M perpetuals through the"
                + " file job (config/demo.yaml, " + history.mode + ")");
        LocalRun.execute(history, webUi.serve(), out);
        TargetPositionsPreview.print(out, Path.of(history.output));
        out.println();
        out.println("== backtest: the same strategy over those klines loaded into Iceberg"
                + " (config/backtest.yaml, BATCH, simulated execution and ledger)");
        int backtest = backtest(dataDir.resolve(HISTORY_KLINES));
        if (backtest != 0) {
            return backtest;
        }
        out.printf("%ndemo finished in %.1f s: outputs in %s%n",
                (System.nanoTime() - start) / 1e9, output.toPath().toAbsolutePath());
        return 0;
    }

    /**
     * The backtest phase: the history's kline files appended to the embedded warehouse ({@code
     * load}: a file loaded before is skipped, so a second demo loads nothing), then {@code
     * backtest} over them with its report in {@code <output>/backtest}.
     *
     * @return 0, or the exit code of the command that failed (it has said why)
     */
    private int backtest(Path klines) {
        int loaded = CommandOutput.nested(spec, new LoadCommand()).execute("--input", klines.toString());
        if (loaded != 0) {
            return loaded;
        }
        List<String> args = new ArrayList<>(List.of("--config", home().resolve("config/backtest.yaml").toString(),
                "--output", output.toPath().resolve("backtest").toString()));
        if (!webUi.serve()) {
            args.add("--no-web-ui");
        }
        return CommandOutput.nested(spec, new BacktestCommand()).execute(args.toArray(String[]::new));
    }

    /**
     * The live phase on a broker of its own in {@code work} (a {@link LocalBroker}: its own JVM
     * and log, stopped at the end), both emptied first so every demo starts from nothing: the
     * captures replayed at max speed, the run ended when they are through.
     */
    private void live(JobConfig config, Path captures, PrintStream printed) throws Exception {
        Path dir = work.toPath().toAbsolutePath().normalize();
        FileUtils.deleteDirectory(dir.toFile());
        for (JobConfig.Topic topic : config.kafka.topics.all()) {
            topic.configs.put("segment.ms", HISTORY_SEGMENT_MS);
        }
        Path out = output.toPath().resolve("live");
        LocalBroker broker = new LocalBroker(dir.resolve("kafka"));
        try {
            LocalBroker.Started started = broker.start(0, 0,
                    config.kafka.topics.all().stream().map(JobConfig.Topic::spec).toList(), BROKER_START);
            config.kafka.bootstrapServers = started.status().bootstrapServers();
            printed.println("Kafka broker of the demo at " + config.kafka.bootstrapServers
                    + " (log " + broker.logFile() + ")");
            LiveRun.execute(new LiveRun.Options(config, dir.resolve("state"), broker.dir(),
                    List.of(captures), Speed.MAX, true, out, webUi.serve()), printed);
        } finally {
            broker.stop(BROKER_STOP);
        }
        TargetPositionsPreview.print(printed, out);
    }
}
