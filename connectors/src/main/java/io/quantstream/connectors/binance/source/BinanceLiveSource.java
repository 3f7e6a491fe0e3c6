package io.quantstream.connectors.binance.source;

import io.quantstream.connectors.binance.source.enumerator.LiveEnumeratorState;
import io.quantstream.connectors.binance.source.enumerator.LiveEnumeratorStateSerializer;
import io.quantstream.connectors.binance.source.enumerator.LiveSplitEnumerator;
import io.quantstream.connectors.binance.source.reader.LiveSourceReader;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.connectors.binance.source.split.InstrumentSplitSerializer;
import io.quantstream.model.Instrument;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.List;

/**
 * A FLIP-27 source of Binance aggregate trades ({@code <symbol>@aggTrade} market streams) for
 * spot, USD-M and COIN-M instruments, with no gap and no duplicate across reconnects and restores.
 *
 * <pre>{@code
 * LiveSourceSpec spec = LiveSourceSpec.builder()
 *         .instrument(Market.USDM, "BTCUSDT")
 *         .instrument(Market.SPOT, "BTCUSDT")
 *         .build();
 * SingleOutputStreamOperator<Trade> trades = env
 *         .fromSource(new BinanceLiveSource(spec), WatermarkStrategy.noWatermarks(), "binance live")
 *         .uid("binance-live")
 *         .process(new LiveRecordRouter()).uid("binance-live-router").name("route live records");
 * DataStream<BackfillGap> gaps = trades.getSideOutput(LiveRecordRouter.GAPS);
 * DataStream<DeadLetter> deadLetters = trades.getSideOutput(DeadLetters.TAG);
 * // then: timestamps are the trade times already; assign watermarks, validate, sink
 * }</pre>
 *
 * <p>One split per instrument, assigned to reader {@code index mod parallelism}; a reader keeps
 * one websocket per market (more beyond 1024 streams), answers pings (the JDK client's pongs),
 * reconnects with exponential backoff and jitter, replaces a connection before Binance's 24-hour
 * cut-off, resubscribes within the market's incoming-message limit, and drops a connection that
 * went silent past the market's idle timeout. A split's checkpointed state is the last aggTrade
 * id it delivered; after a reconnect or a restore the reader backfills from the REST
 * aggregate-trades endpoint ({@code fromId = last + 1}, pages of up to 1000, within a request-weight
 * budget per minute) up to the trades the live stream delivers, then drops repeated ids. Ids the
 * exchange no longer serves become a {@link BackfillGap} record (and the {@code gaps} metric),
 * never a silent hole; messages that do not decode become dead letters and the source goes on.
 * Metrics: see {@code ReaderMetrics}.
 *
 * <p>Unbounded unless every instrument has a stop id ({@link LiveSourceSpec#stopAfter()}).
 */
@PublicEvolving
public final class BinanceLiveSource
        implements Source<LiveRecord, InstrumentSplit, LiveEnumeratorState>, ResultTypeQueryable<LiveRecord> {

    private static final long serialVersionUID = 1L;

    private final LiveSourceSpec spec;

    public BinanceLiveSource(LiveSourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Boundedness getBoundedness() {
        return spec.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<LiveRecord, InstrumentSplit> createReader(SourceReaderContext context) {
        return new LiveSourceReader(spec, context);
    }

    @Override
    public SplitEnumerator<InstrumentSplit, LiveEnumeratorState> createEnumerator(
            SplitEnumeratorContext<InstrumentSplit> context) {
        List<InstrumentSplit> splits = spec.instruments().stream()
                .map(i -> InstrumentSplit.start(i, spec.startAfter().getOrDefault(i, InstrumentSplit.NONE),
                        spec.stopAfter().getOrDefault(i, Long.MAX_VALUE)))
                .toList();
        return new LiveSplitEnumerator(context, order(), splits, spec.bounded());
    }

    @Override
    public SplitEnumerator<InstrumentSplit, LiveEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<InstrumentSplit> context, LiveEnumeratorState checkpoint) {
        return new LiveSplitEnumerator(context, order(), checkpoint.pending(), spec.bounded());
    }

    @Override
    public SimpleVersionedSerializer<InstrumentSplit> getSplitSerializer() {
        return new InstrumentSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<LiveEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new LiveEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<LiveRecord> getProducedType() {
        return TypeInformation.of(LiveRecord.class);
    }

    private List<String> order() {
        return spec.instruments().stream().map(Instrument::key).toList();
    }
}
