package io.quantstream.model;

import java.math.BigDecimal;

/**
 * One funding rate of a perpetual future, as Binance's archive {@code fundingRate} files print it
 * ({@code calc_time,funding_interval_hours,last_funding_rate}). At {@link #calcTime} a position
 * pays {@code − position × mark price × rate}: longs pay when the rate is positive.
 *
 * <p>A Flink POJO: public fields, no-arg constructor; serialized without Kryo.
 */
public class FundingRate {
    public String symbol;
    public Market market;
    /** Funding time, epoch ms UTC, exactly as printed (usually 00/08/16 UTC, a few ms late). */
    public long calcTime;
    /** Hours between two fundings of the symbol at this time (8 on most symbols, 4 or 1 on some). */
    public int fundingIntervalHours;
    /** The rate per funding interval, a fraction (0.0001 = 0.01 %), exactly as printed. */
    public BigDecimal lastFundingRate;

    public FundingRate() {}

    @Override
    public String toString() {
        return symbol + " funding " + lastFundingRate + " @" + calcTime + " (" + fundingIntervalHours + "h)";
    }
}
