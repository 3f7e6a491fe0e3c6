package io.quantstream.jobs;

import io.quantstream.jobs.backtest.BacktestPlan;
import io.quantstream.jobs.backtest.BacktestResults;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.topology.BacktestSinks;
import io.quantstream.jobs.topology.HistoryInput;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.jobs.topology.TopologyOutputs;
import java.time.Instant;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The backtest: a strategy over the history in the Iceberg tables, in Flink {@code BATCH}, with
 * the live jobs' stages ({@link Topology}: 1m klines → roll-ups → factors → cross-section →
 * portfolio; with {@code backtest.input: trades}, trades → validation → 1m klines first) and
 * then the simulated execution and ledger; target positions, fills, ledger and
 * funding into the run's report folder, the run into {@code trading.backtest_runs}. Funding is
 * valued at the mark price from {@code market.mark_price_klines} when it has bars of the range,
 * else at the last 1m close (each payment's {@code markPriceSource} says which).
 *
 * <pre>{@code flink run -c io.quantstream.jobs.BacktestJob jobs/target/quantstream-jobs.jar \
 *     --config config/backtest.yaml [--backtest.from 2026-02-01 --backtest.to 2026-02-14]}</pre>
 *
 * A blank {@code catalog.warehouse} is {@code .quantstream/warehouse} in the working folder
 * (or {@code -Dquantstream.home}); on a cluster, name the warehouse.
 */
public final class BacktestJob {

    private BacktestJob() {}

    public static void main(String[] args) throws Exception {
        BacktestPlan plan = BacktestPlan.prepare(ConfigLoader.fromArgs(args), Instant.now());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(plan.config()));
        define(env, plan);
        JobExecutionResult result = env.execute(plan.config().name + " " + plan.runId());
        // detached (flink run -d): the job still runs; its committed parts are the records
        if (result.isJobExecutionResult()) {
            BacktestResults.finish(plan, Instant.now()).print(System.out);
        }
    }

    /**
     * Adds the backtest of {@code plan} to {@code env} (which runs in {@code BATCH}).
     *
     * @return the streams of the backtest, their sinks attached (a caller may add its own)
     * @throws InvalidConfigException when the configuration is mistaken
     */
    public static TopologyOutputs define(StreamExecutionEnvironment env, BacktestPlan plan) {
        MarketData input = HistoryInput.read(env, plan.catalog(), plan.range(), plan.readsTrades(),
                !plan.coverage().markPrices().isEmpty());
        TopologyOutputs outputs = Topology.build(input, plan.config());
        Topology.execution(input, plan.config(), outputs, plan.everyMinute());
        BacktestSinks.attach(outputs, plan.output().toString(), plan.catalog(), plan.runId());
        return outputs;
    }
}
