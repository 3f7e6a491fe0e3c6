package io.quantstream.factor.expr;

import io.quantstream.factor.spi.Bar;
import io.quantstream.factor.spi.FactorState;
import io.quantstream.factor.spi.IncrementalFactor;
import io.quantstream.plugin.Plugins;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * A factor of a plug-in ({@link IncrementalFactor}) as a node of the program: it reads the bar's
 * fields like a {@link Leaf} (only those its {@link IncrementalFactor#fields()} declares) and
 * keeps the plug-in's state in its own slots, so the plug-in's value is shared by the expressions
 * that name it and its state lives with the others'. The views handed to the plug-in are reused
 * bar after bar (no allocation per bar).
 *
 * <p>An exception from the plug-in is its failure at that bar: every slot it wrote in the call is
 * put back (an undo log of its writes, so a failure costs nothing on the bars that do not fail),
 * the bar is not counted in its {@code bars}, the value is {@code NaN}, and the
 * {@link #onFailure listener} is told; without one the exception fails the caller.
 */
final class PluginNode extends Node {

    private static final long serialVersionUID = 1L;

    private final IncrementalFactor factor;
    private final int slots;
    private final int version;
    /** By field ordinal: whether the plug-in declares it. */
    private final boolean[] declared;

    private transient Fields bar;
    private transient Slots state;
    private transient BiConsumer<String, Exception> failures;

    /**
     * @param canonical {@code plugin:} and the call's canonical text
     * @param factor checked by the factor set ({@code fields()} not null)
     */
    PluginNode(String canonical, IncrementalFactor factor) {
        super(canonical);
        this.factor = factor;
        this.slots = factor.stateSize();
        this.version = factor.stateVersion();
        declared = new boolean[BarField.values().length];
        factor.fields().forEach(f -> declared[f.ordinal()] = true);
    }

    @Override
    int slots() {
        return slots;
    }

    @Override
    int layoutVersion() {
        return version;
    }

    @Override
    double evaluate(double[] values, double[] state) {
        throw new IllegalStateException("a plug-in reads the bar, not other nodes: " + this);
    }

    /** The fields the plug-in reads, which the program converts from each kline. */
    Set<BarField> fields() {
        EnumSet<BarField> fields = EnumSet.noneOf(BarField.class);
        for (BarField f : BarField.values()) {
            if (declared[f.ordinal()]) {
                fields.add(f);
            }
        }
        return fields;
    }

    /**
     * Tells {@code listener} the call ({@code kama(window=10,fast=2,slow=30)}, with the plug-in's
     * class and jar) and the exception of every failing {@link #update}; null: failures throw.
     */
    void onFailure(BiConsumer<String, Exception> listener) {
        failures = listener;
    }

    /**
     * The plug-in's value at the bar whose fields are {@code fields}; advances its state, or on
     * a failure leaves it as it was and returns {@code NaN}.
     *
     * @throws IllegalStateException on a failure when no listener is set
     */
    double update(double[] fields, double[] history) {
        if (bar == null) {
            bar = new Fields();
            state = new Slots();
        }
        bar.fields = fields;
        state.history = history;
        state.writes = 0;
        try {
            return factor.update(bar, state);
        } catch (Exception e) { // a RuntimeException, or a checked one thrown sneakily
            state.undo();
            if (history != null) {
                history[BARS]--; // the program counts the bar after every node: not taken here
            }
            String call = call() + " (" + Plugins.origin(factor) + ")";
            if (failures == null) {
                throw new IllegalStateException("factor " + call + " failed: " + e, e);
            }
            failures.accept(call, e);
            return Double.NaN;
        }
    }

    private String call() {
        return canonical.substring(canonical.indexOf(':') + 1);
    }

    private final class Fields implements Bar {
        double[] fields;

        @Override
        public double get(BarField field) {
            if (!declared[field.ordinal()]) {
                throw new IllegalStateException("factor " + call() + " reads $" + field.label()
                        + ", which its fields() does not declare (it declares "
                        + fields().stream().map(f -> "$" + f.label())
                                .collect(Collectors.joining(", ")) + ")");
            }
            return fields[field.ordinal()];
        }
    }

    private final class Slots implements FactorState {
        double[] history;
        /** The slots written in this call and the values they held before, in write order. */
        int[] written = new int[8];
        double[] before = new double[8];
        int writes;

        @Override
        public long bars() {
            return history == null ? 0 : Node.bars(history);
        }

        @Override
        public int size() {
            return slots;
        }

        @Override
        public double get(int slot) {
            return history[HEADER + check(slot)];
        }

        @Override
        public void set(int slot, double value) {
            int i = HEADER + check(slot);
            if (writes == written.length) {
                written = Arrays.copyOf(written, writes * 2);
                before = Arrays.copyOf(before, writes * 2);
            }
            written[writes] = i;
            before[writes++] = history[i];
            history[i] = value;
        }

        /** Puts back every slot written in this call, the last write first. */
        void undo() {
            while (writes > 0) {
                writes--;
                history[written[writes]] = before[writes];
            }
        }

        private int check(int slot) {
            if (slot < 0 || slot >= slots) {
                throw new IndexOutOfBoundsException("factor " + canonical + ": state slot "
                        + slot + " of " + slots);
            }
            return slot;
        }
    }
}
