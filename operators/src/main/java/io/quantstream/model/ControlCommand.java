package io.quantstream.model;

import java.util.List;

/**
 * An operator's command to the portfolio stage, read from the {@code control} topic: freeze a
 * strategy's targets ({@link #STOP}), take them to zero and freeze them ({@link #FLAT}), or go
 * back to the normal targets ({@link #RESUME}); for one strategy ({@link #reference}) or for every
 * strategy ({@link #GLOBAL}). A command at {@link #time} {@code t} applies to the bars closing
 * after {@code t}; what each action does to the targets is on
 * {@code io.quantstream.portfolio.ControlledPortfolio}.
 *
 * <p>A command is identified by ({@link #scope()}, {@link #time}, {@link #action}): the same
 * command sent twice (a replayed topic, a producer retry) changes nothing the second time. The
 * portfolio stage rejects a command without a known action or a time as a dead letter.
 */
public class ControlCommand {
    /** {@link #action}: keep the last targets, emit no new ones until {@link #RESUME}. */
    public static final String STOP = "STOP";
    /** {@link #action}: every target of the strategy to zero, then frozen until {@link #RESUME}. */
    public static final String FLAT = "FLAT";
    /** {@link #action}: back to the normal targets from the next bar on. */
    public static final String RESUME = "RESUME";
    /** The known actions, in the order that breaks a tie at one millisecond (the last wins). */
    public static final List<String> ACTIONS = List.of(RESUME, STOP, FLAT);
    /** {@link #scope()} of a command to every strategy ({@link #reference} null or {@code *}). */
    public static final String GLOBAL = "*";

    /** {@link #STOP}, {@link #FLAT} or {@link #RESUME}, upper case. */
    public String action;
    /** Strategy name (the targets' {@code reference}); null or {@code *} = every strategy. */
    public String reference;
    /** When the command takes effect, epoch ms UTC: it applies to bars closing after it. */
    public Long time;
    /** Who sent it (a desk, a user, a risk system); free text, may be null. */
    public String issuer;
    /** Why; free text, may be null. */
    public String comment;

    public ControlCommand() {}

    public static ControlCommand of(String action, String reference, long time, String issuer,
            String comment) {
        ControlCommand c = new ControlCommand();
        c.action = action;
        c.reference = reference;
        c.time = time;
        c.issuer = issuer;
        c.comment = comment;
        return c;
    }

    /** The strategy it is for, or {@link #GLOBAL}. */
    public String scope() {
        return reference == null || reference.equals(GLOBAL) ? GLOBAL : reference;
    }

    /** {@code scope|time|action}, the command's identity. */
    public String id() {
        return scope() + "|" + time + "|" + action;
    }

    @Override
    public String toString() {
        return action + " " + scope() + " @" + time + (issuer == null ? "" : " by " + issuer)
                + (comment == null ? "" : " (" + comment + ")");
    }
}
