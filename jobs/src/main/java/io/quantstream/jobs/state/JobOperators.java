package io.quantstream.jobs.state;

import io.quantstream.crosssection.CrossSectionStages;
import io.quantstream.factor.FactorSet;
import io.quantstream.jobs.FactorJob;
import io.quantstream.jobs.MarketDataJob;
import io.quantstream.jobs.PipelineJob;
import io.quantstream.jobs.StrategyJob;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.portfolio.PortfolioStages;
import io.quantstream.savepoints.InspectedOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators with keyed state that {@code state inspect} reads, per job, with the uids the
 * job's config gives them (cross-section and portfolio uids carry the universe, interval and
 * strategy names).
 */
public final class JobOperators {

    /** The file job ({@code FileJob}, {@code bin/quantstream run}): every stage in one job. */
    public static final String FILE_JOB = "file";
    /** Job names {@code --job} accepts. */
    public static final List<String> JOBS = List.of(MarketDataJob.NAME, FactorJob.NAME,
            StrategyJob.NAME, PipelineJob.NAME, FILE_JOB);

    private JobOperators() {}

    /**
     * @throws IllegalArgumentException for a job not in {@link #JOBS}
     */
    public static List<InspectedOperator> of(String job, JobConfig config) {
        boolean all = job.equals(PipelineJob.NAME) || job.equals(FILE_JOB);
        if (!all && !JOBS.contains(job)) {
            throw new IllegalArgumentException("--job: unknown job '" + job + "' (expected one of "
                    + String.join(", ", JOBS) + ")");
        }
        List<InspectedOperator> ops = new ArrayList<>();
        if (all || job.equals(MarketDataJob.NAME)) {
            ops.add(InspectedOperator.klineAggregator());
            ops.add(InspectedOperator.rollUp());
        }
        if ((all || job.equals(FactorJob.NAME)) && config.factors != null
                && !config.factors.isBlank()) {
            ops.add(InspectedOperator.factors(FactorSet.parse(config.factors)));
        }
        if ((all || job.equals(StrategyJob.NAME)) && config.universe != null
                && config.crossSection != null) {
            ops.add(InspectedOperator.crossSection(
                    CrossSectionStages.uid(Topology.crossSectionSpec(config))));
            if (config.strategy != null) {
                ops.add(InspectedOperator.portfolio(PortfolioStages.uid(config.strategy.name)));
            }
        }
        return ops;
    }

    /**
     * The operator {@code uid} of {@code job}.
     *
     * @throws IllegalArgumentException naming the job's operators when it has none of that uid
     */
    public static InspectedOperator named(String job, JobConfig config, String uid) {
        List<InspectedOperator> ops = of(job, config);
        return ops.stream().filter(op -> op.uid().equals(uid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--operator: job " + job
                        + " has no operator '" + uid + "' with keyed state (its operators: "
                        + String.join(", ", ops.stream().map(InspectedOperator::uid).toList())
                        + ")"));
    }
}
