package io.quantstream.savepoints;

import io.quantstream.factor.FactorCalculator;
import io.quantstream.factor.FactorHistory;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorStages;
import io.quantstream.model.Kline;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Writes a savepoint whose factor operator ({@value FactorStages#UID}) holds the state a job
 * would have after reading {@code klines}: per key ({@code MARKET:SYMBOL:interval}) the
 * {@link FactorHistory} that {@link io.quantstream.factor.FactorUpdate} builds over the key's
 * klines, the factor operator's own computation. A job with the same factor set started from it
 * gives warm factor values from its first kline (a job with another set: every node both share
 * stays warm, as across any savepoint). The factor operator registers no timers, so nothing is
 * lost by bootstrapping it; the savepoint holds no other operator (the job's others start empty).
 *
 * <pre>{@code
 * env.setRuntimeMode(RuntimeExecutionMode.BATCH);
 * DataStream<Kline> history = ...;               // record timestamps = close times
 * FactorStateBootstrap.define(history, FactorSet.parse("ema(20)"), 128, Path.of("sp"));
 * env.execute("bootstrap");
 * }</pre>
 */
public final class FactorStateBootstrap {

    private FactorStateBootstrap() {}

    /**
     * Adds the bootstrap to {@code klines}' environment, which must run in BATCH (the State
     * Processor API writes savepoints only there; its sort gives each key's klines in timestamp
     * order).
     *
     * @param klines the history: klines of the factor intervals, record timestamp = close time
     *     (as the factor operator reads them)
     * @param maxParallelism the job's max parallelism (key groups must match to restore)
     * @param out the savepoint folder to write; must not exist yet
     * @throws IllegalArgumentException when {@code out} exists or the environment is not BATCH
     */
    public static void define(DataStream<Kline> klines, FactorSet factors, int maxParallelism,
            Path out) {
        requireNew(out);
        StreamExecutionEnvironment env = klines.getExecutionEnvironment();
        if (env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
                != RuntimeExecutionMode.BATCH) {
            throw new IllegalArgumentException("state bootstrap runs in BATCH mode");
        }
        // the writer hands each record to a task thread of its own through a queue: with object
        // reuse, a queued record could be overwritten by the next one read
        env.getConfig().disableObjectReuse();
        SingleOutputStreamOperator<KeyedFactorHistory> histories = klines
                .keyBy(FactorStages::key, Types.STRING)
                .process(new FactorHistoryBuilder(factors),
                        TypeInformation.of(KeyedFactorHistory.class))
                .name("factor histories [" + factors.label() + "]");
        StateBootstrapTransformation<KeyedFactorHistory> state = OperatorTransformation
                .bootstrapWith(histories)
                .keyBy(h -> h.key, Types.STRING)
                .transform(new HistoryWriter());
        // a canonical savepoint, which restores into any backend (the jobs' RocksDB)
        String target = out.toAbsolutePath().toUri().toString();
        // one writer subtask: with two, the second stopped after some 20 of its 1,500 alpha158
        // histories (3,000 keys), its error swallowed by Flink's BootstrapStreamTask, and the job
        // hung; root cause not found (one subtask writes them all)
        int parallelism = env.getParallelism();
        env.setParallelism(1);
        // files, not the default JobManager storage, which refuses state over 5 MB per subtask
        Configuration storage = new Configuration();
        storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, target);
        env.configure(storage);
        SavepointWriter.newSavepoint(env, new HashMapStateBackend(), maxParallelism)
                .withOperator(OperatorIdentifier.forUid(FactorStages.UID), state)
                .write(target);
        env.setParallelism(parallelism);
    }

    /**
     * @throws IllegalArgumentException when {@code out} exists: a savepoint is written to a new
     *     folder
     */
    public static void requireNew(Path out) {
        if (Files.exists(out)) {
            throw new IllegalArgumentException("already exists (a savepoint is written to a new"
                    + " folder): " + out);
        }
    }

    /** Puts each key's history into the factor operator's one keyed state. */
    static final class HistoryWriter extends KeyedStateBootstrapFunction<String, KeyedFactorHistory> {
        private transient ValueState<FactorHistory> history;

        @Override
        public void open(OpenContext context) {
            history = getRuntimeContext().getState(FactorCalculator.historyDescriptor());
        }

        @Override
        public void processElement(KeyedFactorHistory value, Context ctx) throws Exception {
            history.update(value.history);
        }
    }
}
