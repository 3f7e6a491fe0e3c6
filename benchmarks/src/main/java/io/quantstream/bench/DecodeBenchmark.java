package io.quantstream.bench;

import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.RawLine;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/** Decoding an archive aggTrades CSV line into a trade ({@link BinanceLineParser}): ns per line. */
public class DecodeBenchmark extends OperatorBenchmark {

    static final int LINES = 100_000;

    private List<RawLine> lines;

    @Setup
    public void setUp() {
        lines = SyntheticMarket.rawLines(SyntheticMarket.aggTradeRows(LINES));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void aggTradeCsvLine(Blackhole sink) {
        for (RawLine line : lines) {
            sink.consume(BinanceLineParser.parse(line));
        }
    }
}
