package io.quantstream.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.jobgraph.JobType;
import org.junit.jupiter.api.Test;

/**
 * No look-ahead: the account over the input truncated at a bar close {@code t} gives exactly the
 * fills, funding payments and ledger up to {@code t} of the account over the whole input. (A fill
 * at a bar's open is known when that bar arrives, at its close, so the cuts are at closes.)
 */
class LookAheadTest {

    private final Scenario scenario = new Scenario(3, 240);

    @Test
    void truncatedInputGivesTheSameAccountUpToTheCut() throws Exception {
        for (JobType jobType : JobType.values()) {
            List<String> full = run(scenario.events, jobType, Long.MAX_VALUE);
            for (int minute : new int[] {4, 5, 31, 119, 120, 200}) {
                long t = Bars.close(minute);
                List<Object> truncated = scenario.events.stream()
                        .filter(e -> Scenario.timestamp(e) <= t).toList();
                assertThat(run(truncated, jobType, t)).as(jobType + " up to minute " + minute)
                        .isEqualTo(full.stream().filter(line -> time(line) <= t).toList())
                        .isNotEmpty();
            }
        }
    }

    /** Fills, funding payments and ledger entries up to {@code until}, as {@code time|text}. */
    private static List<String> run(List<Object> events, JobType jobType, long until) throws Exception {
        try (AccountHarness h = new AccountHarness(Scenario.spec(), jobType)) {
            for (Object e : events) {
                h.event(e);
            }
            h.end();
            List<String> lines = new ArrayList<>();
            for (Fill f : h.fills()) {
                lines.add(f.time + "|" + f);
            }
            for (FundingPayment p : h.funding()) {
                lines.add(p.time + "|" + p);
            }
            for (LedgerEntry e : h.ledger()) {
                lines.add(e.time + "|" + e);
            }
            return lines.stream().filter(line -> time(line) <= until).toList();
        }
    }

    private static long time(String line) {
        return Long.parseLong(line.substring(0, line.indexOf('|')));
    }
}
