package io.quantstream.connectors.replay;

import io.quantstream.model.DeadLetter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records a replay does not publish: counted by stage and reason, the first few kept whole. */
final class Rejections {

    /** How many rejected records are kept for the summary. */
    static final int EXAMPLES = 5;

    private final Map<String, Long> counts = new TreeMap<>();
    private final List<DeadLetter> examples = new ArrayList<>();
    private long total;

    void add(DeadLetter deadLetter) {
        total++;
        counts.merge(deadLetter.stage + "/" + deadLetter.reason, 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(deadLetter);
        }
    }

    long total() {
        return total;
    }

    /** {@code stage/reason} to count, sorted. */
    Map<String, Long> counts() {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    List<DeadLetter> examples() {
        return List.copyOf(examples);
    }
}
