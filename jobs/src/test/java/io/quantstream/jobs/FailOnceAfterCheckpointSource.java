package io.quantstream.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * A source that fails its task once, between two checkpoints: the first reader that is polled
 * {@code delayMillis} after its second checkpoint completed throws; the job then restarts from
 * that checkpoint (restart strategy) and runs on. Everything else is the wrapped source's.
 */
final class FailOnceAfterCheckpointSource<T, S extends SourceSplit, E>
        extends ForwardingSource<T, S, E> {

    private static final long serialVersionUID = 1L;

    /** Whether the failure happened; reset before each job. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final long delayMillis;

    FailOnceAfterCheckpointSource(Source<T, S, E> source, long delayMillis) {
        super(source);
        this.delayMillis = delayMillis;
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(source.createReader(context), delayMillis);
    }

    private static final class Reader<T, S extends SourceSplit> extends ForwardingSourceReader<T, S> {
        private final long delayMillis;
        private int checkpointsCompleted;
        private long failAt = Long.MAX_VALUE;

        Reader(SourceReader<T, S> reader, long delayMillis) {
            super(reader);
            this.delayMillis = delayMillis;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (System.currentTimeMillis() >= failAt && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure between two checkpoints");
            }
            return reader.pollNext(output);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
            if (++checkpointsCompleted == 2) {
                failAt = System.currentTimeMillis() + delayMillis;
            }
        }
    }
}
