package io.quantstream.portfolio;

import io.quantstream.model.ControlCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The control commands a portfolio function has received, in broadcast state by scope (its
 * strategy, and {@link ControlCommand#GLOBAL}), each scope's commands sorted by {@link #ORDER}.
 * Every parallel instance receives every command and so holds the same history; a restore or a
 * new instance after rescaling gets a copy.
 */
final class ControlHistory {

    /** Broadcast state: scope → its commands, sorted by {@link #ORDER}. */
    static final MapStateDescriptor<String, ControlCommand[]> DESCRIPTOR = new MapStateDescriptor<>(
            "control-history", Types.STRING,
            Types.OBJECT_ARRAY(TypeInformation.of(ControlCommand.class)));

    /**
     * The order in which commands take effect; the greatest one not after a bar is in force. By
     * time; at one millisecond, a strategy's own command after a global one, then FLAT after
     * STOP after RESUME (the more cautious wins), so the result never depends on arrival order.
     */
    static final Comparator<ControlCommand> ORDER = Comparator
            .comparingLong((ControlCommand c) -> c.time)
            .thenComparingInt(c -> ControlCommand.GLOBAL.equals(c.scope()) ? 0 : 1)
            .thenComparingInt(c -> ControlCommand.ACTIONS.indexOf(c.action));

    private ControlHistory() {}

    /**
     * Adds a valid command to its scope, dropping the scope's oldest beyond
     * {@link ControlledPortfolio#MAX_COMMANDS_PER_SCOPE}.
     *
     * @return false when the same command (same {@link ControlCommand#id()}) is already there
     */
    static boolean add(BroadcastState<String, ControlCommand[]> state, ControlCommand command)
            throws Exception {
        ControlCommand[] old = state.get(command.scope());
        List<ControlCommand> commands = new ArrayList<>(old == null ? List.of() : Arrays.asList(old));
        for (ControlCommand c : commands) {
            if (c.id().equals(command.id())) {
                return false;
            }
        }
        commands.add(command);
        commands.sort(ORDER);
        int from = Math.max(0, commands.size() - ControlledPortfolio.MAX_COMMANDS_PER_SCOPE);
        state.put(command.scope(), commands.subList(from, commands.size())
                .toArray(new ControlCommand[0]));
        return true;
    }

    /**
     * The commands of {@code strategy} and global ones that apply to a bar closing at
     * {@code closeTime} (time before it), sorted by {@link #ORDER}: the last is in force.
     */
    static List<ControlCommand> applicable(ReadOnlyBroadcastState<String, ControlCommand[]> state,
            String strategy, long closeTime) throws Exception {
        List<ControlCommand> result = new ArrayList<>();
        for (ControlCommand c : all(state, strategy)) {
            if (c.time < closeTime) {
                result.add(c);
            }
        }
        result.sort(ORDER);
        return result;
    }

    /** Every command kept for {@code strategy} and globally. */
    static List<ControlCommand> all(ReadOnlyBroadcastState<String, ControlCommand[]> state,
            String strategy) throws Exception {
        List<ControlCommand> result = new ArrayList<>();
        for (String scope : List.of(ControlCommand.GLOBAL, strategy)) {
            ControlCommand[] commands = state.get(scope);
            if (commands != null) {
                result.addAll(Arrays.asList(commands));
            }
        }
        return result;
    }
}
