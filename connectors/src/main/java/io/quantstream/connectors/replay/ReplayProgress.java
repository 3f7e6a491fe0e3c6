package io.quantstream.connectors.replay;

/**
 * A replay under way, reported every progress interval.
 *
 * @param published trades published so far (sent; committed at the latest within the commit interval)
 * @param tradesPerSecond trades published per wall-clock second since the last report
 * @param eventTime trade time of the last trade published, epoch ms UTC
 * @param lagMillis how far the last trade was sent after its scaled due time, ms ({@code 0} at max speed)
 * @param alreadyPublished trades passed over so far, already on the topic
 */
public record ReplayProgress(long published, double tradesPerSecond, long eventTime, long lagMillis,
        long alreadyPublished) {}
