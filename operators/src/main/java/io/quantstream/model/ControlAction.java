package io.quantstream.model;

/**
 * What a {@link ControlCommand} did to one strategy: emitted once per command and strategy, at
 * the first bar closing after the command's time (the bar it took effect on), with the
 * instruments whose target quantity it changed. Stream record timestamp: {@link #time}.
 */
public class ControlAction {
    /** {@link #outcome}: the command is the one in force at this bar. */
    public static final String APPLIED = "applied";
    /** {@link #outcome}: a later command (by time) is in force at this bar; this one did nothing. */
    public static final String SUPERSEDED = "superseded";

    /** Decision time of the bar the command took effect on (its close), epoch ms UTC. */
    public long time;
    /** The strategy affected (the targets' {@code reference}). */
    public String reference;
    /** The command's {@link ControlCommand#action}. */
    public String action;
    /** The command's {@link ControlCommand#scope()}: this strategy or {@code *}. */
    public String scope;
    /** The command's time, epoch ms UTC. */
    public long commandTime;
    public String issuer;
    public String comment;
    /** {@link #APPLIED} or {@link #SUPERSEDED}. */
    public String outcome;
    /**
     * True when the command arrived after the strategy had decided a bar closing after its time
     * (STREAMING only, a command sent with a time in the past): it takes effect from this bar,
     * not from the bar its time names.
     */
    public boolean late;
    /**
     * Instruments ({@code MARKET:SYMBOL}, sorted) whose target quantity the command changed at
     * this bar: those a FLAT took to zero, those a RESUME moved off their frozen target; empty for
     * a STOP, a superseded command, or one that changed no state (RESUME of a running strategy).
     */
    public String[] changed;

    public ControlAction() {}

    @Override
    public String toString() {
        return reference + " " + action + " " + scope + " @" + commandTime + " at " + time + " "
                + outcome + (late ? " late" : "") + " changed " + String.join(",", changed);
    }
}
