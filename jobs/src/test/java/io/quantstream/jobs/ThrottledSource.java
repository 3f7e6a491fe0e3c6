package io.quantstream.jobs;

import java.util.List;
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

/**
 * A source that hands out the records of another at most {@code recordsPerSecond} per reader, so
 * a test can stop a job while its input is still being read; restored bounded, it ends (see
 * {@link Restored}). Splits, enumerator and checkpointed
 * state are the wrapped source's own: a job restored from a checkpoint of the throttled source
 * resumes where the wrapped one would. The reader sleeps in {@code pollNext} when ahead of the
 * rate (a few milliseconds at a time, so checkpoint barriers are not held up).
 */
final class ThrottledSource<T, S extends SourceSplit, E> extends ForwardingSource<T, S, E> {

    private static final long serialVersionUID = 1L;
    private static final long MAX_SLEEP_NANOS = 5_000_000;

    private final int recordsPerSecond;

    ThrottledSource(Source<T, S, E> source, int recordsPerSecond) {
        super(source);
        this.recordsPerSecond = recordsPerSecond;
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        SplitEnumerator<S, E> enumerator = source.restoreEnumerator(context, checkpoint);
        return getBoundedness() == Boundedness.BOUNDED ? new Restored<>(enumerator, context) : enumerator;
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(source.createReader(context), recordsPerSecond);
    }

    /**
     * A restored bounded enumerator that tells each reader there are no more splits when it
     * registers. The Kafka source's restored enumerator finds every partition assigned already and
     * never does (FLINK-31006, apache/flink-connector-kafka#318), so a restored bounded job would
     * read to its stopping offsets and never end; its splits come back with the readers' state.
     */
    private static final class Restored<S extends SourceSplit, E> implements SplitEnumerator<S, E> {
        private final SplitEnumerator<S, E> enumerator;
        private final SplitEnumeratorContext<S> context;

        Restored(SplitEnumerator<S, E> enumerator, SplitEnumeratorContext<S> context) {
            this.enumerator = enumerator;
            this.context = context;
        }

        @Override
        public void start() {
            enumerator.start();
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            enumerator.handleSplitRequest(subtaskId, requesterHostname);
        }

        @Override
        public void addSplitsBack(List<S> splits, int subtaskId) {
            enumerator.addSplitsBack(splits, subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            enumerator.addReader(subtaskId);
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public E snapshotState(long checkpointId) throws Exception {
            return enumerator.snapshotState(checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent event) {
            enumerator.handleSourceEvent(subtaskId, event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            enumerator.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void close() throws java.io.IOException {
            enumerator.close();
        }
    }

    private static final class Reader<T, S extends SourceSplit> extends ForwardingSourceReader<T, S> {
        private final long nanosPerRecord;
        private long start;
        private long polls;

        Reader(SourceReader<T, S> reader, int recordsPerSecond) {
            super(reader);
            this.nanosPerRecord = 1_000_000_000L / recordsPerSecond;
        }

        /** The wrapped reader emits at most one record per call. */
        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            long now = System.nanoTime();
            if (polls == 0) {
                start = now;
            }
            long ahead = start + polls * nanosPerRecord - now;
            if (ahead > 0) {
                long nanos = Math.min(ahead, MAX_SLEEP_NANOS);
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
            polls++;
            return reader.pollNext(output);
        }
    }
}
