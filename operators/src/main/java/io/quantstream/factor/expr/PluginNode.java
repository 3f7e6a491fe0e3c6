package io.quantstream.factor.expr;

import io.quantstream.factor.spi.Bar;
import io.quantstream.factor.spi.FactorState;
import io.quantstream.factor.spi.IncrementalFactor;

/**
 * A factor of a plug-in ({@link IncrementalFactor}) as a node of the program: it reads the bar's
 * fields like a {@link Leaf} and keeps the plug-in's state in its own slots, so the plug-in's
 * value is shared by the expressions that name it and its state lives with the others'. The
 * views handed to the plug-in are reused bar after bar (no allocation per bar).
 */
final class PluginNode extends Node {

    private static final long serialVersionUID = 1L;

    private final IncrementalFactor factor;
    private final int slots;
    private final int version;

    private transient Fields bar;
    private transient Slots state;

    /** @param canonical {@code plugin:} and the call's canonical text */
    PluginNode(String canonical, IncrementalFactor factor) {
        super(canonical);
        this.factor = factor;
        this.slots = factor.stateSize();
        this.version = factor.stateVersion();
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

    /** The plug-in's value at the bar whose fields are {@code fields}; advances its state. */
    double update(double[] fields, double[] history) {
        if (bar == null) {
            bar = new Fields();
            state = new Slots();
        }
        bar.fields = fields;
        state.history = history;
        return factor.update(bar, state);
    }

    private static final class Fields implements Bar {
        double[] fields;

        @Override
        public double get(BarField field) {
            return fields[field.ordinal()];
        }
    }

    private final class Slots implements FactorState {
        double[] history;

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
            history[HEADER + check(slot)] = value;
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
