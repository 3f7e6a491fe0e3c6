package io.quantstream.trade;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Consecutive lines of one trade file as a source reads them, in columns: the transport from a
 * file source to the stage that validates and pre-aggregates its trades
 * ({@code KlineStages.preAggregateBatches}), so that a trade costs neither an object nor a
 * record of its own on the way. Row {@code i} is a {@link #PLAIN} trade held in the primitive
 * columns (decimals as unscaled longs with their scale), a {@link #TRADE} held as an object
 * ({@link #trades}: a websocket message, a decimal of more than 18 digits), a {@link #DEAD_LETTER}
 * ({@link #deadLetters}: a line that did not decode, stage {@code decode}), or a line that is no
 * trade ({@link #HEADER}, {@link #SKIPPED}: another websocket stream).
 *
 * <p>A Flink POJO (arrays of primitives and of POJOs); the record timestamp is
 * {@link #latestTime}.
 */
public class TradeBatch {

    public static final byte PLAIN = 0;
    public static final byte TRADE = 1;
    public static final byte DEAD_LETTER = 2;
    public static final byte HEADER = 3;
    public static final byte SKIPPED = 4;

    /** Symbol of the file's plain rows (upper case), or null. */
    public String symbol;
    /** Market of the file's plain rows, or null when unknown. */
    public Market market;
    /** Number of rows. */
    public int size;
    /** Latest trade time of the batch's trades, epoch ms UTC; {@code Long.MIN_VALUE} without trades. */
    public long latestTime = Long.MIN_VALUE;
    public byte[] kinds;
    public long[] aggTradeIds;
    public long[] firstTradeIds;
    public long[] lastTradeIds;
    /** Epoch ms UTC. */
    public long[] tradeTimes;
    /** Unscaled prices: {@code price = prices[i] × 10^-priceScales[i]}. */
    public long[] prices;
    public int[] priceScales;
    public long[] quantities;
    public int[] quantityScales;
    public boolean[] buyerIsMaker;
    /** The {@link #TRADE} rows' trades (null elsewhere). */
    public Trade[] trades;
    /** The {@link #DEAD_LETTER} rows' dead letters (null elsewhere). */
    public DeadLetter[] deadLetters;

    public TradeBatch() {}

    /** An empty batch of room for {@code capacity} rows. */
    public TradeBatch(int capacity) {
        kinds = new byte[capacity];
        aggTradeIds = new long[capacity];
        firstTradeIds = new long[capacity];
        lastTradeIds = new long[capacity];
        tradeTimes = new long[capacity];
        prices = new long[capacity];
        priceScales = new int[capacity];
        quantities = new long[capacity];
        quantityScales = new int[capacity];
        buyerIsMaker = new boolean[capacity];
        trades = new Trade[capacity];
        deadLetters = new DeadLetter[capacity];
    }

    /** Empties the batch for reuse (the objects of its rows are let go). */
    public void clear() {
        Arrays.fill(trades, 0, size, null);
        Arrays.fill(deadLetters, 0, size, null);
        size = 0;
        latestTime = Long.MIN_VALUE;
    }

    /** Whether the batch has room for no more rows. */
    public boolean isFull() {
        return size == kinds.length;
    }

    /** Appends a plain trade of the file's symbol and market. */
    public void addPlain(long aggTradeId, long firstTradeId, long lastTradeId, long tradeTime,
            long price, int priceScale, long quantity, int quantityScale, boolean maker) {
        int i = size++;
        kinds[i] = PLAIN;
        aggTradeIds[i] = aggTradeId;
        firstTradeIds[i] = firstTradeId;
        lastTradeIds[i] = lastTradeId;
        tradeTimes[i] = tradeTime;
        prices[i] = price;
        priceScales[i] = priceScale;
        quantities[i] = quantity;
        quantityScales[i] = quantityScale;
        buyerIsMaker[i] = maker;
        latestTime = Math.max(latestTime, tradeTime);
    }

    /** Appends a trade held as an object. */
    public void addTrade(Trade trade) {
        int i = size++;
        kinds[i] = TRADE;
        trades[i] = trade;
        latestTime = Math.max(latestTime, trade.tradeTime);
    }

    /** Appends a line that did not decode. */
    public void addDeadLetter(DeadLetter deadLetter) {
        int i = size++;
        kinds[i] = DEAD_LETTER;
        deadLetters[i] = deadLetter;
    }

    /** Appends a line that is no trade ({@link #HEADER} or {@link #SKIPPED}). */
    public void addSkipped(byte kind) {
        kinds[size++] = kind;
    }

    /** Plain row {@code i} as a {@link Trade} (for the rare paths that need one). */
    public Trade trade(int i) {
        if (kinds[i] == TRADE) {
            return trades[i];
        }
        Trade t = new Trade();
        t.symbol = symbol;
        t.market = market;
        t.aggTradeId = aggTradeIds[i];
        t.firstTradeId = firstTradeIds[i];
        t.lastTradeId = lastTradeIds[i];
        t.tradeTime = tradeTimes[i];
        t.price = BigDecimal.valueOf(prices[i], priceScales[i]);
        t.quantity = BigDecimal.valueOf(quantities[i], quantityScales[i]);
        t.buyerIsMaker = buyerIsMaker[i];
        return t;
    }
}
