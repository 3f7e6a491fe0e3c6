package io.quantstream.connectors.kafka;

import io.quantstream.bench.OperatorBenchmark;
import io.quantstream.bench.SyntheticMarket;
import io.quantstream.model.Trade;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a {@code trades} value as the project writes it ({@link JsonRecords#TRADES}) into a
 * trade, ns per value: our byte parser ({@link TradeJson}), Jackson's streaming parser ({@link
 * StreamingTradeJson}) and Jackson's data binding (tree, then binding: the path every value took
 * before either). {@code -prof gc} gives the bytes allocated per value.
 */
public class TradeJsonBenchmark extends OperatorBenchmark {

    static final int VALUES = 100_000;

    private static final JsonRecords<Trade> DATA_BINDING =
            new JsonRecords<>(Trade.class, t -> "", t -> t.tradeTime);

    private List<byte[]> values;

    @Setup
    public void setUp() {
        values = SyntheticMarket.trades(VALUES).stream()
                .map(JsonRecords.TRADES::value)
                .collect(Collectors.toList());
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void byteParser(Blackhole sink) {
        for (byte[] value : values) {
            sink.consume(TradeJson.decode(value));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void jacksonStreaming(Blackhole sink) {
        for (byte[] value : values) {
            sink.consume(StreamingTradeJson.decode(value));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void jacksonDataBinding(Blackhole sink) {
        for (byte[] value : values) {
            sink.consume(DATA_BINDING.decode(value, "kafka:trades/0@0", 0L));
        }
    }
}
