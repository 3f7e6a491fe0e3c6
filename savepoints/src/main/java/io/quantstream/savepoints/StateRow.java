package io.quantstream.savepoints;

import java.util.Objects;

/**
 * One line of {@code state inspect}: a piece of one key's state in one operator. A Flink POJO
 * (the readers emit it from a job).
 */
public class StateRow {
    /** The operator's uid, e.g. {@code factors}. */
    public String operator;
    /** The key, as the operator keys: {@code USDM:BTCUSDT}, {@code USDM:BTCUSDT:1h}, a bar's open time. */
    public String key;
    /** What the value is, e.g. {@code last-trade-id}, {@code open-bar 1h}, a factor's name. */
    public String state;
    /** The value: a number, an ISO-8601 UTC time, a decimal; {@code NaN} for a factor warming up. */
    public String value;
    /** More about it, e.g. a bar's prices or a factor's warm-up; empty when none. */
    public String detail;

    public StateRow() {}

    public StateRow(String operator, String key, String state, String value, String detail) {
        this.operator = operator;
        this.key = key;
        this.state = state;
        this.value = value;
        this.detail = detail == null ? "" : detail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateRow r && Objects.equals(operator, r.operator)
                && Objects.equals(key, r.key) && Objects.equals(state, r.state)
                && Objects.equals(value, r.value) && Objects.equals(detail, r.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, key, state, value, detail);
    }

    @Override
    public String toString() {
        return operator + " " + key + " " + state + "=" + value + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
