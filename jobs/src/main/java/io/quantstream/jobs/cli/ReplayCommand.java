package io.quantstream.jobs.cli;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.kafka.KafkaBroker;
import io.quantstream.connectors.replay.ReplayClock;
import io.quantstream.connectors.replay.ReplayInputs;
import io.quantstream.connectors.replay.ReplayProgress;
import io.quantstream.connectors.replay.ReplaySummary;
import io.quantstream.connectors.replay.Replayer;
import io.quantstream.connectors.replay.Speed;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code quantstream replay}: capture and archive trades onto the Kafka trades topic, in event-time order. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes the trades of websocket captures and archive aggTrades/trades files to the"
                    + " Kafka trades topic (key = instrument, timestamp = trade time) in event-time order,"
                    + " at real time x --speed. Kline files in the inputs are skipped.",
            "Idempotent: run again after a crash, it resumes after the last trade id per instrument"
                    + " already on the topic. Lines that do not decode are counted and the first few"
                    + " printed, not published.",
            "Broker: --bootstrap-servers, else the config's kafka.bootstrapServers when --config is"
                    + " given, else the broker of `kafka start` when it runs, else localhost:9092."
        })
final class ReplayCommand implements Callable<Integer> {

    @Mixin InputFiles input;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "Topic to publish to (default: the config's kafka.topics.trades, trades).")
    String topic;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "1|10|max",
            description = "Event time per wall-clock time: 1 = real time, 10 = ten times faster, max ="
                    + " as fast as possible (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--limit", paramLabel = "N",
            description = "Publish at most N trades, then stop (a later run goes on after them).")
    Long limit;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "The producer's transactional.id, the same for every run of one replay"
                    + " (default: quantstream-replay-<topic>).")
    String transactionalId;



    @Mixin KafkaAddress kafka;

    @Unmatched List<String> overrides = new ArrayList<>();

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Speed pace = Speed.parse(speed);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        for (File path : input.paths) {
            if (!path.exists()) {
                throw new NoSuchFileException(path.getPath()
                        + " (expected websocket captures or archive aggTrades/trades files)");
            }
        }
        ReplayInputs files = ReplayInputs.discover(
                input.paths.stream().map(File::toPath).collect(Collectors.toList()),
                input.market.isBlank() ? null : Market.parse(input.market),
                input.symbol.isBlank() ? null : input.symbol.trim());
        JobConfig job = kafka.job(overrides);
        String servers = kafka.bootstrapServers(job);
        if (!KafkaBroker.isReachable(servers, Duration.ofSeconds(10))) {
            throw new IllegalArgumentException("no Kafka broker answers at " + servers
                    + " (start one with `bin/quantstream kafka start`, or give --bootstrap-servers)");
        }
        String target = topic != null ? topic : job.kafka.topics.trades.name;
        boolean console = System.console() != null;
        Replayer.Options options = Replayer.Options.of(servers, target).withSpeed(pace)
                .withProgressInterval(Duration.ofSeconds(console ? 2 : 10));
        if (limit != null) {
            options = options.withLimit(limit);
        }
        if (transactionalId != null) {
            options = options.withTransactionalId(transactionalId);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("replaying %s (%s) to topic %s at %s, speed %s%n", count(files.trades().size(), "trade file"),
                count(BinanceFiles.groups(files.trades()).size(), "group"), target, servers, pace);
        if (!files.klineFiles().isEmpty()) {
            out.printf("skipped %s (a replay publishes trades)%n", count(files.klineFiles().size(), "kline file"));
        }
        out.flush();
        long start = System.nanoTime();
        ReplaySummary summary = new Replayer(options, ReplayClock.SYSTEM, p -> progress(out, p, start, console))
                .replay(files.trades());
        if (console) {
            out.print("\r" + " ".repeat(110) + "\r");
        }
        printSummary(out, summary, target, servers);
        printRejected(spec.commandLine().getErr(), summary);
        return 0;
    }

    private static void progress(PrintWriter out, ReplayProgress p, long start, boolean console) {
        String line = String.format("[%4ds] %,d trades published  %,.0f trades/s  event time %s  lag %,d ms",
                (System.nanoTime() - start) / 1_000_000_000L, p.published(), p.tradesPerSecond(),
                Instant.ofEpochMilli(p.eventTime()), p.lagMillis());
        if (p.alreadyPublished() > 0) {
            line += String.format("  (%,d already on the topic)", p.alreadyPublished());
        }
        out.print(console ? "\r" + line + "   " : line + System.lineSeparator());
        out.flush();
    }

    private static void printSummary(PrintWriter out, ReplaySummary s, String topic, String servers) {
        List<String> instruments = s.instruments();
        String names = instruments.size() <= 5 ? String.join(", ", instruments)
                : String.join(", ", instruments.subList(0, 5)) + ", …";
        out.printf("replayed %s of %s%s to topic %s at %s in %.1f s (%,.0f trades/s)%n",
                count(s.published(), "trade"), count(instruments.size(), "instrument"),
                instruments.isEmpty() ? "" : " (" + names + ")", topic, servers, s.seconds(),
                s.seconds() > 0 ? s.published() / s.seconds() : 0);
        if (s.published() > 0) {
            out.printf("  %-18s %s .. %s (%.1f min)%n", "event time", Instant.ofEpochMilli(s.firstTradeTime()),
                    Instant.ofEpochMilli(s.lastTradeTime()), (s.lastTradeTime() - s.firstTradeTime()) / 60_000.0);
        }
        out.printf("  %-18s %,d (on the topic before this run, skipped)%n", "already published", s.alreadyPublished());
        out.printf("  %-18s %,d%s%n", "not published", s.rejectedTotal(), s.rejectedTotal() == 0 ? ""
                : " (" + s.rejected().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")");
        out.printf("  %-18s %,d (other websocket streams, CSV headers)%n", "other lines", s.otherMessages());
        out.printf("  %-18s %.1f MB read, %.1f MB published in %,d transactions%n", "bytes",
                s.inputBytes() / 1e6, s.publishedBytes() / 1e6, s.transactions());
        if (!s.completed()) {
            out.printf("stopped after --limit %,d trades; run again without it to publish the rest%n", s.published());
        }
        out.flush();
    }

    private static String count(long n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static void printRejected(PrintWriter err, ReplaySummary s) {
        if (s.firstRejected().isEmpty()) {
            return;
        }
        err.printf("%,d lines or trades not published; the first %d:%n", s.rejectedTotal(), s.firstRejected().size());
        for (DeadLetter d : s.firstRejected()) {
            String raw = d.raw == null ? "" : d.raw.length() > 120 ? d.raw.substring(0, 117) + "..." : d.raw;
            err.printf("  %s %s/%s: %s: %s%n", d.origin, d.stage, d.reason, d.detail, raw);
        }
        err.flush();
    }
}
