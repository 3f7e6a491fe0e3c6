package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;

import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class BinanceDecoderTest {

    @Test
    void routesTradesKlinesAndDeadLettersAndDropsSkippedAndHeaders() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawLine, Trade> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new BinanceDecoder())) {
            harness.processElement(line(RecordFormat.WS_JSON, 1, "1 {\"stream\":\"btcusdt@trade\",\"data\":"
                    + "{\"e\":\"trade\",\"T\":5,\"s\":\"BTCUSDT\",\"t\":9,\"p\":\"1.5\",\"q\":\"2\",\"X\":\"MARKET\",\"m\":false}}"), 0);
            harness.processElement(line(RecordFormat.WS_JSON, 2, "2 {\"stream\":\"btcusdt@bookTicker\",\"data\":{}}"), 0);
            harness.processElement(line(RecordFormat.KLINES_CSV, 1, "open_time,open,high,low,close,volume,"
                    + "close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore"), 0);
            harness.processElement(line(RecordFormat.KLINES_CSV, 2, "0,1,1,1,1,0,59999,0,0,0,0,0"), 0);
            harness.processElement(line(RecordFormat.KLINES_CSV, 3, "60000,1,1,1"), 0);

            assertThat(harness.extractOutputValues()).extracting(t -> t.aggTradeId).containsExactly(9L);
            assertThat(harness.getSideOutput(BinanceDecoder.KLINES)).extracting(r -> r.getValue().closeTime)
                    .containsExactly(59999L);
            assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().reason)
                    .containsExactly("field-count");
        }
    }

    private static RawLine line(RecordFormat format, long lineNumber, String text) {
        RawLine line = new RawLine();
        line.origin = "/data/f";
        line.lineNumber = lineNumber;
        line.format = format;
        line.symbol = "BTCUSDT";
        line.market = Market.USDM;
        line.interval = format == RecordFormat.KLINES_CSV ? "1m" : null;
        line.text = text;
        return line;
    }
}
