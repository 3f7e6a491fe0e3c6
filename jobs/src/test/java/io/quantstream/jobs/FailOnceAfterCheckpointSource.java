package io.quantstream.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source that fails its task once, between two checkpoints: the first reader that is polled
 * {@code delayMillis} after its second checkpoint completed throws; the job then restarts from
 * that checkpoint (restart strategy) and runs on. Everything else is the wrapped source's.
 */
final class FailOnceAfterCheckpointSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

    private static final long serialVersionUID = 1L;

    /** Whether the failure happened; reset before each job. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final Source<T, S, E> source;
    private final long delayMillis;

    FailOnceAfterCheckpointSource(Source<T, S, E> source, long delayMillis) {
        this.source = source;
        this.delayMillis = delayMillis;
    }

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(source.createReader(context), delayMillis);
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        return source.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return source.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private final SourceReader<T, S> reader;
        private final long delayMillis;
        private int checkpointsCompleted;
        private long failAt = Long.MAX_VALUE;

        Reader(SourceReader<T, S> reader, long delayMillis) {
            this.reader = reader;
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

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return reader.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            reader.handleSourceEvents(event);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
