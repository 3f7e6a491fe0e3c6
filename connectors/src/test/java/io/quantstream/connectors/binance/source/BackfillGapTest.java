package io.quantstream.connectors.binance.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.model.TradeGap;

import org.junit.jupiter.api.Test;

class BackfillGapTest {

    @Test
    void aGapBecomesATradeGapInRawIdsWithItsReason() {
        BackfillGap backfill = gap(7_000_100L, 2_500_000_400L);

        TradeGap gap = backfill.toTradeGap();

        assertThat(gap.market).isEqualTo(Market.USDM);
        assertThat(gap.symbol).isEqualTo("BTCUSDT");
        assertThat(gap.lastTradeIdBefore).isEqualTo(2_500_000_400L);
        assertThat(gap.firstTradeIdAfter).isEqualTo(2_500_000_651L);
        // raw ids 2_500_000_401 .. 2_500_000_650
        assertThat(gap.missingTrades).isEqualTo(250);
        assertThat(gap.timeBefore).isEqualTo(1_721_260_800_000L);
        assertThat(gap.timeAfter).isEqualTo(1_721_260_860_000L);
        assertThat(gap.reason).isEqualTo("history-expired");
    }

    @Test
    void afterAConfiguredStartTheRawIdBeforeAndTheCountAreUnknown() {
        TradeGap gap = gap(7_000_100L, -1).toTradeGap();

        assertThat(gap.lastTradeIdBefore).isEqualTo(-1);
        assertThat(gap.missingTrades).isEqualTo(-1);
        assertThat(gap.reason).isEqualTo("history-expired");
    }

    private static BackfillGap gap(long firstMissing, long lastTradeIdBefore) {
        BackfillGap gap = new BackfillGap();
        gap.market = Market.USDM;
        gap.symbol = "BTCUSDT";
        gap.firstMissingAggTradeId = firstMissing;
        gap.lastMissingAggTradeId = firstMissing + 99;
        gap.lastTradeIdBefore = lastTradeIdBefore;
        gap.firstTradeIdAfter = 2_500_000_651L;
        gap.timeBefore = 1_721_260_800_000L;
        gap.timeAfter = 1_721_260_860_000L;
        gap.reason = "history-expired";
        gap.detail = "REST served from id 7000200";
        return gap;
    }
}
