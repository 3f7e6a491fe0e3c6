package io.quantstream.connectors.replay;

import io.quantstream.model.Trade;
import java.io.Closeable;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The trades of several file groups as one sequence in event-time order: a k-way merge by trade
 * time, ties to the group listed first; each group's own trades stay in file order. When every
 * group is in trade-time order (captures and archive files are), so is the merge.
 */
final class EventTimeMerge implements Closeable {

    private record Head(Trade trade, int group, FileGroupTrades source) {}

    private final List<FileGroupTrades> groups;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparingLong((Head h) -> h.trade.tradeTime).thenComparingInt(Head::group));
    private boolean started;
    private String lastPath;
    private long lastLine;

    EventTimeMerge(List<FileGroupTrades> groups) {
        this.groups = groups;
    }

    /** The next trade of all groups, or null when every group has ended. */
    Trade next() {
        if (!started) {
            started = true;
            for (int i = 0; i < groups.size(); i++) {
                refill(i, groups.get(i));
            }
        }
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        lastPath = head.source.path();
        lastLine = head.source.line();
        refill(head.group, head.source);
        return head.trade;
    }

    /** {@code path:line} of the trade {@link #next} returned last. */
    String origin() {
        return lastPath + ":" + lastLine;
    }

    @Override
    public void close() {
        groups.forEach(FileGroupTrades::close);
    }

    private void refill(int group, FileGroupTrades source) {
        Trade trade = source.next();
        if (trade != null) {
            heads.add(new Head(trade, group, source));
        }
    }
}
