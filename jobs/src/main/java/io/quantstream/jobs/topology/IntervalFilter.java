package io.quantstream.jobs.topology;

import io.quantstream.model.Kline;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps klines of the given interval labels. */
final class IntervalFilter implements FilterFunction<Kline> {

    private static final long serialVersionUID = 1L;

    private final HashSet<String> labels;

    IntervalFilter(List<String> labels) {
        this.labels = new HashSet<>(labels);
    }

    @Override
    public boolean filter(Kline kline) {
        return labels.contains(kline.interval);
    }
}
