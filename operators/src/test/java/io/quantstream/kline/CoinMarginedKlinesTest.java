package io.quantstream.kline;

import static io.quantstream.testing.TestTrades.MINUTE;
import static io.quantstream.testing.TestTrades.T0;
import static io.quantstream.testing.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * COIN-M 1m klines carry base asset volumes in the quote volume columns, Σ contracts × contract
 * size / price at 8 decimals (Binance's COIN-M kline docs), with the contract size of the
 * configuration or Binance's defaults (BTCUSD 100 USD, others 10 USD). Expected values computed
 * by hand ({@code bc}, 30 decimals), then rounded half-up to 8.
 */
class CoinMarginedKlinesTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> harness;

    private void open(ContractSizes sizes) throws Exception {
        harness = KlineAggregatorTest.harness(new KlineAggregator(0, 0, sizes));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Trade coinM(String symbol, long id, long time, String price, String contracts,
            boolean buyerIsMaker) {
        Trade t = trade(symbol, id, time, price, contracts, buyerIsMaker);
        t.market = Market.COINM;
        return t;
    }

    private List<Kline> bars() throws Exception {
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        return harness.extractOutputStreamRecords().stream()
                .map(r -> (Kline) ((StreamRecord<?>) r).getValue()).toList();
    }

    @Test
    void btcusdContractsAreHundredUsdAndTheirVolumesAreBaseAssetAtEightDecimals()
            throws Exception {
        open(ContractSizes.defaults());
        // 3 × 100 / 80000.1 = 0.003749995312505859…, taker buy
        // 7 × 100 / 79999.9 = 0.008750010937513671…, taker sell
        harness.processElement1(KlineAggregatorTest.run(
                coinM("BTCUSD_PERP", 1, T0 + 100, "80000.1", "3", false),
                coinM("BTCUSD_PERP", 2, T0 + 200, "79999.9", "7", true)), T0 + 200);

        Kline k = bars().get(0);
        assertThat(k.volume).as("contracts").isEqualByComparingTo("10");
        assertThat(k.takerBuyVolume).isEqualByComparingTo("3");
        // Σ = 0.012500006250019531…
        assertThat(k.quoteVolume).isEqualTo(new BigDecimal("0.01250001"));
        assertThat(k.takerBuyQuoteVolume).isEqualTo(new BigDecimal("0.00375000"));
        assertThat(k.quoteVolume.toPlainString()).as("printed like the archive")
                .isEqualTo("0.01250001");
        assertThat(k.count).isEqualTo(2);
    }

    @Test
    void otherPairsAreTenUsdUnlessConfiguredBySymbolOrPair() throws Exception {
        open(new ContractSizes(Map.of("ETHUSD", new BigDecimal("25"))));
        harness.processElement1(TradeRun.of(
                coinM("ETHUSD_PERP", 1, T0, "3001.37", "3", false), TradeSizes.defaults()), T0);
        harness.processElement1(TradeRun.of(
                coinM("LINKUSD_PERP", 1, T0, "3001.37", "5", false), TradeSizes.defaults()), T0);

        List<Kline> bars = bars();
        Kline eth = bars.stream().filter(k -> k.symbol.equals("ETHUSD_PERP")).findFirst().get();
        Kline link = bars.stream().filter(k -> k.symbol.equals("LINKUSD_PERP")).findFirst().get();
        // 3 × 25 / 3001.37 = 0.024988588544564648…
        assertThat(eth.quoteVolume).isEqualTo(new BigDecimal("0.02498859"));
        // 5 × 10 / 3001.37 = 0.016659059029709765…
        assertThat(link.quoteVolume).isEqualTo(new BigDecimal("0.01665906"));
        assertThat(link.takerBuyQuoteVolume).isEqualTo(new BigDecimal("0.01665906"));
    }

    @Test
    void partsOfOneMinuteMergeToTheSameBaseVolumeInAnyOrder() throws Exception {
        open(ContractSizes.defaults());
        harness.processElement1(TradeRun.of(
                coinM("BTCUSD_PERP", 2, T0 + 200, "79999.9", "7", true), TradeSizes.defaults()), T0 + 200);
        harness.processElement1(TradeRun.of(
                coinM("BTCUSD_PERP", 1, T0 + 100, "80000.1", "3", false), TradeSizes.defaults()), T0 + 100);
        harness.processElement1(TradeRun.of(
                coinM("BTCUSD_PERP", 3, T0 + MINUTE, "80000.1", "1", false), TradeSizes.defaults()), T0 + MINUTE);

        Kline k = bars().get(0);
        assertThat(k.quoteVolume).isEqualTo(new BigDecimal("0.01250001"));
        assertThat(k.takerBuyQuoteVolume).isEqualTo(new BigDecimal("0.00375000"));
    }
}
