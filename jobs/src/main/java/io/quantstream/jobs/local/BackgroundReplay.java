package io.quantstream.jobs.local;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.replay.ReplayClock;
import io.quantstream.connectors.replay.ReplaySummary;
import io.quantstream.connectors.replay.Replayer;
import io.quantstream.connectors.replay.Speed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Replayer} of trade files onto the trades topic in a thread of its own, beside the job
 * that reads the topic. Like every replay it resumes after the last trade per instrument already
 * on the topic, so a live run started again after a crash publishes only what is missing.
 */
final class BackgroundReplay {

    private final CompletableFuture<ReplaySummary> done = new CompletableFuture<>();
    private final AtomicLong eventTime = new AtomicLong(Long.MIN_VALUE);

    private BackgroundReplay() {}

    /** Starts publishing {@code files} to {@code topic} at {@code speed}. */
    static BackgroundReplay start(String bootstrapServers, String topic, List<InputFile> files, Speed speed) {
        BackgroundReplay replay = new BackgroundReplay();
        Replayer replayer = new Replayer(Replayer.Options.of(bootstrapServers, topic).withSpeed(speed)
                .withProgressInterval(Duration.ofSeconds(1)), ReplayClock.SYSTEM,
                progress -> replay.eventTime.accumulateAndGet(progress.eventTime(), Math::max));
        Thread thread = new Thread(() -> {
            try {
                ReplaySummary summary = replayer.replay(files);
                replay.eventTime.accumulateAndGet(summary.lastTradeTime(), Math::max);
                replay.done.complete(summary);
            } catch (Throwable e) {
                replay.done.completeExceptionally(e);
            }
        }, "replay " + topic);
        thread.setDaemon(true); // a run that stops early does not wait for its replay
        thread.start();
        return replay;
    }

    /** Completes when every trade is committed, exceptionally when the replay failed. */
    CompletableFuture<ReplaySummary> done() {
        return done;
    }

    /** Trade time of the newest trade published so far, epoch ms UTC; {@code Long.MIN_VALUE} before any. */
    long eventTime() {
        return eventTime.get();
    }
}
