package io.quantstream.jobs.topology;

import org.apache.flink.streaming.api.datastream.DataStream;

/** Null-tolerant helpers for optional streams. */
final class Streams {

    private Streams() {}

    /** The union of both, or whichever is not null. */
    static <T> DataStream<T> union(DataStream<T> a, DataStream<T> b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.union(b);
    }
}
