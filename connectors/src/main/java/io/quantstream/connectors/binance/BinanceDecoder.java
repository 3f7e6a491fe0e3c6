package io.quantstream.connectors.binance;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes {@link RawLine}s with {@link BinanceLineParser}: trades to the main output, klines
 * (archive klines files) to {@link #KLINES}, rejected lines to {@link DeadLetters#TAG} (stage
 * {@code decode}); other websocket streams and CSV headers are dropped and counted.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<Trade> trades = env
 *         .fromSource(BinanceFileSource.of(files), WatermarkStrategy.noWatermarks(), "binance files")
 *         .process(new BinanceDecoder());
 * DataStream<Kline> klines = trades.getSideOutput(BinanceDecoder.KLINES);
 * DataStream<DeadLetter> rejected = trades.getSideOutput(DeadLetters.TAG);
 * }</pre>
 *
 * <p>Metrics (operator scope): {@code tradesDecoded}, {@code klinesDecoded}, {@code
 * messagesSkipped}, {@code headerLinesSkipped}, {@code deadLetters}. Does not assign timestamps.
 */
public class BinanceDecoder extends ProcessFunction<RawLine, Trade> {

    private static final long serialVersionUID = 1L;

    /** Side output for klines decoded from archive klines files. */
    public static final OutputTag<Kline> KLINES =
            new OutputTag<>("binance-klines", TypeInformation.of(Kline.class));

    private transient Counter tradesDecoded;
    private transient Counter klinesDecoded;
    private transient Counter messagesSkipped;
    private transient Counter headerLinesSkipped;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        tradesDecoded = metrics.counter("tradesDecoded");
        klinesDecoded = metrics.counter("klinesDecoded");
        messagesSkipped = metrics.counter("messagesSkipped");
        headerLinesSkipped = metrics.counter("headerLinesSkipped");
        deadLetters = metrics.counter("deadLetters");
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<Trade> out) {
        if (line.trade != null) {
            // decoded by the reader from the file's bytes
            tradesDecoded.inc();
            out.collect(line.trade);
            return;
        }
        DecodeResult result = BinanceLineParser.parse(line);
        switch (result.kind()) {
            case TRADE:
                tradesDecoded.inc();
                out.collect(result.trade());
                break;
            case KLINE:
                klinesDecoded.inc();
                ctx.output(KLINES, result.kline());
                break;
            case SKIPPED:
                messagesSkipped.inc();
                break;
            case HEADER:
                headerLinesSkipped.inc();
                break;
            case DEAD_LETTER:
                deadLetters.inc();
                ctx.output(DeadLetters.TAG, result.deadLetter());
                break;
            default:
                throw new IllegalStateException("unexpected result " + result.kind());
        }
    }
}
