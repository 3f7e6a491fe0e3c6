package io.quantstream.jobs.bench;

import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The klines {@code bench state} builds its factor state from: {@code bars} consecutive bars of
 * every interval of every instrument ({@code usdm:QS000USDT} …, the symbols of the live feed),
 * ending at {@code end}, prices a deterministic random walk per instrument, record timestamps =
 * close times. Only their number and the factors' windows matter to the state's size.
 */
final class SyntheticKlines implements MapFunction<Long, Kline> {

    private static final long serialVersionUID = 1L;

    private final int instruments;
    /** {@link #symbol} of each instrument, made once (formatting it was a fifth of the source's CPU). */
    private final String[] symbols;
    private final String[] labels;
    private final long[] millis;
    private final int bars;
    private final long end;

    private SyntheticKlines(int instruments, List<Interval> intervals, int bars, long end) {
        this.instruments = instruments;
        this.symbols = IntStream.range(0, instruments).mapToObj(SyntheticKlines::symbol)
                .toArray(String[]::new);
        this.labels = intervals.stream().map(Interval::label).toArray(String[]::new);
        this.millis = intervals.stream().mapToLong(Interval::millis).toArray();
        this.bars = bars;
        this.end = end;
    }

    /** @param end epoch ms UTC, a multiple of every interval: the last bars close just before it */
    static DataStream<Kline> stream(StreamExecutionEnvironment env, int instruments,
            List<Interval> intervals, int bars, long end) {
        long n = (long) instruments * intervals.size() * bars;
        return env.fromSequence(0, n - 1)
                .map(new SyntheticKlines(instruments, intervals, bars, end))
                .returns(TypeInformation.of(Kline.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Kline>forBoundedOutOfOrderness(
                        Duration.ofDays(3650)).withTimestampAssigner((k, t) -> k.closeTime))
                .name("synthetic klines");
    }

    /** The generator of {@link #inTimeOrder}: index {@code i} is bar {@code i} of instrument 0 … */
    static SyntheticKlines of(int instruments, Interval interval, int bars, long end) {
        return new SyntheticKlines(instruments, List.of(interval), bars, end);
    }

    /**
     * {@code bars} consecutive bars of one interval of every instrument, in time order (every
     * instrument's bar 0, then every instrument's bar 1, …) as a live feed delivers them, ending
     * at {@code end}: the input of {@code bench factors}.
     */
    static DataStream<Kline> inTimeOrder(StreamExecutionEnvironment env, int instruments,
            Interval interval, int bars, long end) {
        long n = (long) instruments * bars;
        return env.fromSequence(0, n - 1)
                .map(new TimeOrder(instruments, bars))
                .map(of(instruments, interval, bars, end))
                .returns(TypeInformation.of(Kline.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Kline>forMonotonousTimestamps()
                        .withTimestampAssigner((k, t) -> k.closeTime))
                .name("synthetic klines");
    }

    /** Index in time order → index in {@link #map}'s order (instrument-major). */
    private record TimeOrder(int instruments, int bars) implements MapFunction<Long, Long> {
        @Override
        public Long map(Long i) {
            return i % instruments * bars + i / instruments;
        }
    }

    /** The symbol of instrument {@code i}, as {@link LatencyRun}'s feed names them. */
    static String symbol(int i) {
        return String.format("QS%03dUSDT", i);
    }

    @Override
    public Kline map(Long index) {
        long i = index;
        int bar = (int) (i % bars);
        int interval = (int) (i / bars % labels.length);
        int instrument = (int) (i / bars / labels.length % instruments);
        Kline k = new Kline();
        k.market = Market.USDM;
        k.symbol = symbols[instrument];
        k.interval = labels[interval];
        k.openTime = end - (long) (bars - bar) * millis[interval];
        k.closeTime = k.openTime + millis[interval] - 1;
        double base = 100 + instrument;
        double close = base * (1 + 0.05 * Math.sin(bar * 0.37 + instrument) + 0.01 * noise(i));
        double open = base * (1 + 0.05 * Math.sin((bar - 1) * 0.37 + instrument));
        k.open = price(open);
        k.close = price(close);
        k.high = price(Math.max(open, close) * 1.002);
        k.low = price(Math.min(open, close) * 0.998);
        long volume = Math.round((1 + Math.abs(noise(i * 31)) * 100) * 1000);
        k.volume = BigDecimal.valueOf(volume, 3);
        k.quoteVolume = k.volume.multiply(k.close).setScale(8, RoundingMode.HALF_UP);
        k.takerBuyVolume = BigDecimal.valueOf((volume + 1) / 2, 3);
        k.takerBuyQuoteVolume = k.takerBuyVolume.multiply(k.close).setScale(8, RoundingMode.HALF_UP);
        k.count = 10 + (i % 90);
        return k;
    }

    /** {@code p} to 4 decimals, from scaled longs: {@code BigDecimal.valueOf(double)} prints it. */
    private static BigDecimal price(double p) {
        return BigDecimal.valueOf(Math.round(p * 1e4), 4);
    }

    /** A value in [-1, 1), a hash of {@code i}. */
    private static double noise(long i) {
        long h = i * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53 * 2 - 1;
    }
}
