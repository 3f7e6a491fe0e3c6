package io.quantstream.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.JobType;
import org.junit.jupiter.api.Test;

/**
 * The account's state and records are Flink POJOs (no Kryo), and a snapshot taken mid-stream,
 * with events buffered and orders pending, restores into an account that continues exactly as the
 * uninterrupted one.
 */
class AccountStateRestoreTest {

    @Test
    void stateAndRecordsArePojos() {
        for (Class<?> type : List.of(AccountEvent.class, AccountState.class, Fill.class,
                LedgerEntry.class, FundingPayment.class)) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }

    @Test
    void aRestoredAccountContinuesLikeTheUninterruptedOne() throws Exception {
        List<Object> events = new Scenario(5, 120).events;
        int half = events.size() / 2;
        List<String> uninterrupted;
        try (AccountHarness h = AccountHarness.streaming(Scenario.spec())) {
            feed(h, events.subList(0, half));
            feed(h, events.subList(half, events.size()));
            h.end();
            uninterrupted = render(h);
        }
        OperatorSubtaskState snapshot;
        List<String> before;
        try (AccountHarness h = AccountHarness.streaming(Scenario.spec())) {
            feed(h, events.subList(0, half));
            assertThat(h.harness.numEventTimeTimers()).isGreaterThan(1); // times still buffered
            snapshot = h.harness.snapshot(1, 1);
            before = render(h);
        }
        try (AccountHarness h = new AccountHarness(Scenario.spec(), JobType.STREAMING, snapshot)) {
            feed(h, events.subList(half, events.size()));
            h.end();
            List<String> all = new ArrayList<>(before);
            all.addAll(render(h));
            all.sort(null);
            List<String> expected = new ArrayList<>(uninterrupted);
            expected.sort(null);
            assertThat(all).isEqualTo(expected);
        }
    }

    /** Events, with a watermark after each bar close that no later event precedes. */
    private static void feed(AccountHarness h, List<Object> events) throws Exception {
        for (Object e : events) {
            h.event(e);
            if (e instanceof Kline k && k.symbol.equals(Scenario.SYMBOLS.get(2))) {
                h.watermark(k.closeTime - 1);
            }
        }
    }

    private static List<String> render(AccountHarness h) {
        List<String> lines = new ArrayList<>();
        h.fills().forEach(f -> lines.add(f.toString()));
        h.ledger().forEach(e -> lines.add(e.toString()));
        h.funding().forEach(p -> lines.add(p.toString()));
        h.deadLetters().forEach(d -> lines.add(d.toString()));
        return lines;
    }
}
