package io.quantstream.jobs.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;

/**
 * The Flink options a job config does not take under {@code flink:}, because a setting of its
 * own sets them and is checked ({@code mode}, {@code parallelism}), or every job fixes them: one
 * source of truth per option. {@code flink: {execution.runtime-mode: batch}} would otherwise
 * override a {@code mode: streaming} that the checks of the jobs on Kafka had accepted.
 */
public final class OwnedFlinkOptions {

    /** Each option, with what to write instead. */
    private static final Map<ConfigOption<?>, String> OWNED = new LinkedHashMap<>();

    static {
        OWNED.put(ExecutionOptions.RUNTIME_MODE, "the runtime mode is the config's mode setting:"
                + " write mode: streaming, batch or automatic");
        OWNED.put(CoreOptions.DEFAULT_PARALLELISM, "the parallelism is the config's parallelism"
                + " setting: write parallelism: N");
        OWNED.put(PipelineOptions.MAX_PARALLELISM, "every job keeps 128 (the key groups its"
                + " savepoints split keyed state into)");
    }

    private OwnedFlinkOptions() {}

    /** One message per owned option {@code flink} sets, each starting with {@code flink.<key>}. */
    public static List<String> problems(Map<String, String> flink) {
        Configuration given = Configuration.fromMap(flink);
        List<String> p = new ArrayList<>();
        OWNED.forEach((option, instead) -> {
            if (given.contains(option)) {
                p.add("flink." + option.key() + ": not a flink: option here; " + instead);
            }
        });
        return p;
    }
}
