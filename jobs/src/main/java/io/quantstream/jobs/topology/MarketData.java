package io.quantstream.jobs.topology;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What a source side hands to the stages: per source, trades or klines with event-time
 * timestamps and watermarks already assigned (DESIGN.md rule 1), plus the records it could not
 * decode. Sources stay separate so that per-source stages (validation) chain to them and keep
 * each symbol's records in source order up to the first {@code keyBy}.
 */
public final class MarketData {
    /** Trades per source id, timestamp = trade time. */
    public final Map<String, DataStream<Trade>> trades = new LinkedHashMap<>();
    /**
     * Trades of file sources in batches of lines, per source id, timestamp = the batch's latest
     * trade time; validated and pre-aggregated in one operator chained to the source.
     */
    public final Map<String, DataStream<TradeBatch>> tradeBatches = new LinkedHashMap<>();
    /** 1m klines read as input (e.g. official files), per source id, timestamp = close time. */
    public final Map<String, DataStream<Kline>> oneMinuteKlines = new LinkedHashMap<>();
    /** Klines of other intervals read as input, by interval label; passed through unchanged. */
    public final Map<String, DataStream<Kline>> otherKlines = new LinkedHashMap<>();
    /**
     * Funding rates of perpetuals (history), timestamp = funding time; null when the source has
     * none. Only the simulated execution reads them ({@link Topology#execution}).
     */
    public DataStream<FundingRate> fundingRates;
    /**
     * 1m mark-price klines of perpetuals (history), timestamp = close time; null when the source
     * has none (funding is then valued at the last 1m close). Only the simulated execution reads
     * them.
     */
    public DataStream<Kline> markPriceKlines;
    /** Input that could not be decoded; null when there is no source. */
    public DataStream<DeadLetter> deadLetters;
    /**
     * The markets of the inputs: kline files go to market folders when there are several
     * ({@link TopologyOutputs#klineLayout}).
     */
    public final Set<Market> markets = EnumSet.noneOf(Market.class);
}
