package io.quantstream.connectors.binance;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;
import org.apache.flink.core.fs.Path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hands out file splits in the order of the file list the source was built from (for a group from
 * {@link BinanceFiles#groups}: date order), so a reader that takes one split after another reads
 * a group's files in order. Splits for files not in the list come last, by path. Splits returned
 * after a failure take their place in the order again.
 *
 * <p>Flink's default assigners do not keep an order ({@code LocalityAwareSplitAssigner} prefers
 * local splits, {@code SimpleSplitAssigner} hands out the last split first).
 */
final class InputOrderSplitAssigner implements FileSplitAssigner {

    private final TreeSet<FileSourceSplit> splits;

    InputOrderSplitAssigner(Map<String, Integer> rankByPath, Collection<FileSourceSplit> initial) {
        Comparator<FileSourceSplit> order = Comparator
                .comparing((FileSourceSplit s) -> rankByPath.getOrDefault(
                        BinanceLineBulkFormat.key(s.path()), Integer.MAX_VALUE))
                .thenComparing(s -> s.path().toString())
                .thenComparingLong(FileSourceSplit::offset)
                .thenComparing(FileSourceSplit::splitId);
        this.splits = new TreeSet<>(order);
        this.splits.addAll(initial);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }

    /** Creates the assigner on the job manager; carries each file's rank in the input list. */
    static final class Provider implements FileSplitAssigner.Provider {

        private static final long serialVersionUID = 1L;

        private final HashMap<String, Integer> rankByPath = new HashMap<>();

        Provider(List<InputFile> files) {
            for (int i = 0; i < files.size(); i++) {
                rankByPath.putIfAbsent(
                        BinanceLineBulkFormat.key(new Path(files.get(i).path())), i);
            }
        }

        @Override
        public FileSplitAssigner create(Collection<FileSourceSplit> initialSplits) {
            return new InputOrderSplitAssigner(rankByPath, initialSplits);
        }
    }
}
