package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.BinanceLiveSource;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The operator table of {@code savepoints/README.md} is the jobs' real one: every uid of the
 * streaming jobs' graphs (as {@code flink run} builds them from the repository's configs) matches
 * a row of the table, and every row matches a uid of some job. A row's uid may have placeholders,
 * {@code <trades topic>}, standing for any text.
 */
class OperatorUidsDocumentedTest {

    private static final Path README = Paths.get("..", "savepoints", "README.md");
    /** A table row whose first cell is a backticked uid: {@code | `kline-aggregate-1m` | …}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyOperatorUidOfTheStreamingJobsIsARowOfTheSavepointsTable() throws IOException {
        Map<String, TreeSet<String>> uids = jobUids();
        List<Pattern> rows = new ArrayList<>();
        Matcher row = ROW.matcher(Files.readString(README));
        while (row.find()) {
            rows.add(template(row.group(1)));
        }
        assertThat(rows).as("uid rows in %s", README).isNotEmpty();
        uids.forEach((job, ids) -> assertThat(ids).as("%s uids in %s", job, README)
                .allMatch(id -> rows.stream().anyMatch(p -> p.matcher(id).matches())));
        assertThat(rows).as("rows of %s that no job has", README)
                .allMatch(p -> uids.values().stream().flatMap(TreeSet::stream).anyMatch(id -> p.matcher(id).matches()));
    }

    /** The uids of each streaming job's operators, by job class. */
    static Map<String, TreeSet<String>> jobUids() {
        Map<String, TreeSet<String>> uids = new LinkedHashMap<>();
        JobConfig kafka = ConfigLoader.fromArgs(new String[] {"--config", "../config/kafka-jobs.yaml"});
        uids.put("MarketDataJob", uids(env -> new MarketDataJob(kafka,
                KafkaInput.trades(kafka, MarketDataJob.NAME).build(), KafkaSinks.of(kafka, MarketDataJob.NAME))
                .define(env)));
        uids.put("FactorJob", uids(env -> new FactorJob(kafka,
                KafkaInput.klines(kafka, FactorJob.NAME).build(), KafkaSinks.of(kafka, FactorJob.NAME))
                .define(env)));
        uids.put("StrategyJob", uids(env -> new StrategyJob(kafka,
                KafkaInput.factors(kafka, StrategyJob.NAME).build(), KafkaInput.control(kafka, StrategyJob.NAME).build(),
                KafkaSinks.of(kafka, StrategyJob.NAME)).define(env)));
        uids.put("PipelineJob", uids(env -> new PipelineJob(kafka,
                KafkaInput.trades(kafka, PipelineJob.NAME).build(), KafkaInput.control(kafka, PipelineJob.NAME).build(),
                KafkaSinks.of(kafka, PipelineJob.NAME)).define(env)));
        JobConfig demo = ConfigLoader.fromArgs(new String[] {"--config", "../config/demo.yaml",
                "--input.dataDir", SharedData.root().toString()});
        uids.put("FileJob", uids(env -> FileJob.define(env, demo)));
        JobConfig ingest = ConfigLoader.fromArgs(new String[] {"--config", "../config/ingest.yaml"});
        LiveSourceSpec spec = ConfigValidator.validateLive(ingest);
        uids.put("IngestJob", uids(env -> IngestJob.toKafka(new BinanceLiveSource(spec), spec, ingest).define(env)));
        return uids;
    }

    private static TreeSet<String> uids(Consumer<StreamExecutionEnvironment> job) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.accept(env);
        TreeSet<String> uids = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            uids.add(Objects.requireNonNullElse(node.getTransformationUID(), "(no uid) " + node.getOperatorName()));
        }
        return uids;
    }

    /** {@code portfolio-<strategy.name>} → the pattern {@code \Qportfolio-\E.+}. */
    private static Pattern template(String uid) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("<[^>]+>").matcher(uid);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(uid.substring(at, placeholder.start()))).append(".+");
            at = placeholder.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(uid.substring(at))).toString());
    }
}
