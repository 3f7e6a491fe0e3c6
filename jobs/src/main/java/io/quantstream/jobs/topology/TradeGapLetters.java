package io.quantstream.jobs.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Instrument;
import io.quantstream.model.TradeGap;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A trade gap as a record of the {@code dead-letters} topic, where the jobs on Kafka report what
 * did not make it into their output: stage {@code klines}, reason {@code trade-gap}, origin the
 * instrument as the other stages' dead letters name it ({@code USDM:BTCUSDT}), raw the gap as
 * JSON ({@code trade-gaps.jsonl} of the file job), event time the trade time of the first trade
 * after the gap.
 */
final class TradeGapLetters implements MapFunction<TradeGap, DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    @Override
    public DeadLetter map(TradeGap gap) throws JsonProcessingException {
        return DeadLetter.of("klines", "trade-gap",
                gap.missingTrades + " trades missing between ids " + gap.lastTradeIdBefore
                        + " and " + gap.firstTradeIdAfter,
                Instrument.key(gap.market, gap.symbol), JSON.writeValueAsString(gap),
                gap.timeAfter);
    }
}
