package io.quantstream.savepoints;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Reads the keyed state of the jobs' operators from a savepoint or retained checkpoint with
 * Flink's State Processor API, in a local BATCH job.
 *
 * <pre>{@code
 * StateInspector.Result r = StateInspector.inspect(Path.of("savepoint-1a2b3c"),
 *         List.of(InspectedOperator.klineAggregator(), InspectedOperator.factors(set)));
 * r.rows().forEach(System.out::println);      // factors USDM:BTCUSDT:1h ema_20=… (warm-up 20/20)
 * }</pre>
 *
 * <p>Savepoints of either format (canonical, native RocksDB) and incremental RocksDB checkpoints
 * are read with the RocksDB backend the jobs run on.
 */
public final class StateInspector {

    /**
     * @param rows per operator in the order asked, keys sorted, each key's rows in reader order
     * @param absent the operators asked for that have no state in the savepoint
     */
    public record Result(List<StateRow> rows, List<String> absent) {}

    private StateInspector() {}

    /**
     * @param base settings of the reading job, e.g. the {@code pipeline.classpaths} of plug-in
     *     jars (the factor reader runs the factor set, plug-ins included); its mode and type
     *     settings are the inspector's
     * @throws IllegalArgumentException when {@code savepoint} is not a savepoint or checkpoint
     * @throws Exception when Flink cannot read it (e.g. state of another layout)
     */
    public static Result inspect(Path savepoint, List<InspectedOperator> operators,
            Configuration base) throws Exception {
        Path folder = SavepointPath.folder(savepoint);
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(folder.toString());
        Set<OperatorID> present = new HashSet<>();
        for (OperatorState state : metadata.getOperatorStates()) {
            if (state.getStateSize() > 0 || state.getCoordinatorState() != null) {
                present.add(state.getOperatorID());
            }
        }
        List<InspectedOperator> read = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (InspectedOperator op : operators) {
            if (present.contains(op.identifier().getOperatorId())) {
                read.add(op);
            } else {
                absent.add(op.uid());
            }
        }
        List<StateRow> rows = new ArrayList<>();
        if (!read.isEmpty()) {
            Configuration conf = new Configuration(base);
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            SavepointReader reader = SavepointReader.read(env, folder.toUri().toString(),
                    new EmbeddedRocksDBStateBackend());
            DataStream<StateRow> all = null;
            for (InspectedOperator op : read) {
                DataStream<StateRow> one = op.read(reader);
                all = all == null ? one : all.union(one);
            }
            try (var it = all.executeAndCollect("state inspect " + folder.getFileName())) {
                it.forEachRemaining(rows::add);
            }
        }
        List<String> order = read.stream().map(InspectedOperator::uid).toList();
        rows.sort(Comparator.comparingInt((StateRow r) -> order.indexOf(r.operator))
                .thenComparing(r -> r.key));
        return new Result(rows, absent);
    }
}
