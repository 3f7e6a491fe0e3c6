package io.quantstream.trade;

import static io.quantstream.testing.TestTrades.T0;
import static io.quantstream.testing.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.util.Set;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TradeValidatorTest {

    @Test
    void rejectsInvalidTradesAndSeparatesNonMarketTrades() throws Exception {
        try (OneInputStreamOperatorTestHarness<Trade, Trade> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new TradeValidator(Set.of("btcusdt", "ETHUSDT"))))) {
            harness.open();
            Trade ok = trade("btcUSDT", 1, T0, "1", "1", false);
            Trade blank = trade(" ", 1, T0, "1", "1", false);
            Trade unknown = trade("DOGEUSDT", 1, T0, "1", "1", false);
            Trade zeroPrice = trade("BTCUSDT", 1, T0, "0", "1", false);
            Trade negativeQty = trade("BTCUSDT", 1, T0, "1", "-1", false);
            Trade badRange = trade("BTCUSDT", 1, 5, 4, T0, "1", "1", false);
            Trade negativeId = trade("BTCUSDT", -1, T0, "1", "1", false);
            Trade micros = trade("BTCUSDT", 1, T0 * 1000, "1", "1", false);
            Trade nullPrice = trade("BTCUSDT", 1, T0, "1", "1", false);
            nullPrice.price = null;
            Trade adl = trade("ETHUSDT", 2, T0, "1", "1", false);
            adl.market = Market.USDM;
            adl.executionType = "ADL";
            Trade market = trade("ETHUSDT", 3, T0, "1", "1", false);
            market.market = Market.USDM;
            market.executionType = "MARKET";
            for (Trade t : new Trade[] {ok, blank, unknown, zeroPrice, negativeQty, badRange,
                    negativeId, micros, nullPrice, adl, market}) {
                harness.processElement(t, T0);
            }

            assertThat(harness.extractOutputValues()).extracting(Trade::toString)
                    .as("non-market trades stay, for the id sequence")
                    .containsExactly(ok.toString(), adl.toString(), market.toString());
            assertThat(harness.extractOutputValues().get(0).symbol).isEqualTo("BTCUSDT");
            assertThat(harness.getSideOutput(TradeStages.NON_MARKET_TRADES))
                    .extracting(r -> r.getValue().aggTradeId).containsExactly(2L);
            assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(d -> d.reason)
                    .containsExactly("missing-symbol", "unknown-symbol", "non-positive-price",
                            "non-positive-quantity", "bad-id-range", "negative-id",
                            "time-out-of-range", "non-positive-price");
            DeadLetter first = harness.getSideOutput(DeadLetters.TAG).peek().getValue();
            assertThat(first.stage).isEqualTo("validate");
            assertThat(first.eventTime).isEqualTo(T0);
            assertThat(first.raw).isNotBlank();
            assertThat(zeroPrice.price).isEqualTo(BigDecimal.ZERO);
        }
    }

    @Test
    void universeEntriesNameSymbolsOnEveryMarketOrOneInstrument() throws Exception {
        try (OneInputStreamOperatorTestHarness<Trade, Trade> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(
                        new TradeValidator(Set.of("ETHUSDT", "usdm:btcusdt"))))) {
            harness.open();
            Trade spotBtc = trade("BTCUSDT", 1, T0, "1", "1", false);
            Trade usdmBtc = trade("BTCUSDT", 2, T0, "1", "1", false);
            usdmBtc.market = Market.USDM;
            Trade spotEth = trade("ETHUSDT", 3, T0, "1", "1", false);
            Trade noMarket = trade("ETHUSDT", 4, T0, "1", "1", false);
            noMarket.market = null;
            for (Trade t : new Trade[] {spotBtc, usdmBtc, spotEth, noMarket}) {
                harness.processElement(t, T0);
            }

            assertThat(harness.extractOutputValues()).extracting(t -> t.aggTradeId)
                    .containsExactly(2L, 3L);
            assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(d -> d.reason + " " + d.origin)
                    .containsExactly("unknown-symbol SPOT:BTCUSDT#1",
                            "missing-market null:ETHUSDT#4");
        }
    }

    @Test
    void emptyUniverseAcceptsEverySymbol() throws Exception {
        try (OneInputStreamOperatorTestHarness<Trade, Trade> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new TradeValidator(Set.of())))) {
            harness.open();
            harness.processElement(trade("DOGEUSDT", 1, T0, "0.1", "1", false), T0);
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }
}
