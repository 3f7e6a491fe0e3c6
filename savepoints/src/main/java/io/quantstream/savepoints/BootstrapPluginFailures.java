package io.quantstream.savepoints;

import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * The plug-in factor updates that threw in a finished {@link FactorStateBootstrap} job: none of
 * them was taken into its factor's state, as in the factor operator, where each is a
 * {@code NaN} and a {@code factors/plugin-failed} dead letter.
 *
 * @param updates how many updates threw
 * @param firstFailures the first failure of each plug-in call per subtask: call, key, bar, exception
 */
public record BootstrapPluginFailures(long updates, List<String> firstFailures) {

    /** The failures counted in {@code result} (none when its job has no factor histories). */
    public static BootstrapPluginFailures of(JobExecutionResult result) {
        Long updates = result.getAccumulatorResult(FactorHistoryBuilder.FAILED_PLUGIN_UPDATES);
        List<String> first = result.getAccumulatorResult(FactorHistoryBuilder.PLUGIN_FAILURES);
        return new BootstrapPluginFailures(updates == null ? 0 : updates,
                first == null ? List.of() : List.copyOf(first));
    }
}
