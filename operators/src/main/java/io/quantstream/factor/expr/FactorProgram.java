package io.quantstream.factor.expr;

import io.quantstream.factor.spi.IncrementalFactor;
import io.quantstream.model.Kline;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Named factor expressions compiled into one incremental computation per key: a DAG of
 * {@link Node}s in topological order, each distinct sub-expression once, advanced one bar at a
 * time over state arrays the caller keeps (in Flink keyed state).
 *
 * <pre>{@code
 * FactorProgram p = FactorProgram.compile(List.of(
 *         new Definition("MA5", "Mean($close, 5) / $close"),
 *         new Definition("CORR10", "Corr($close, Log($volume + 1), 10)")));
 * double[][] states = p.align(null, null, rejected -> {});  // a new key
 * double[] values = p.evaluate(kline, states);              // per bar, NaN while warming up
 * }</pre>
 *
 * <p><b>Semantics</b> are qlib's ({@code qlib/data/ops.py}, microsoft/qlib; see each
 * {@link Operator}'s node). <b>Warm-up</b>: a factor is {@code NaN} until its expression has seen
 * as many bars as qlib loads before a date to compute it ({@code get_extended_window_size}: a
 * rolling window of n adds n − 1, {@code Ref} n), that is {@link #warmUp(int)} bars; from then
 * on its value does not depend on where the series began (but for {@code EMA}, whose memory is
 * the whole series, as in qlib).
 *
 * <p><b>Plug-ins</b>: a factor of a plug-in jar ({@link IncrementalFactor}, a {@link Definition}
 * with a plug-in) is one node that reads the bar's fields it declares and keeps its own slots;
 * its warm-up is the plug-in's, expressions that name it share its value, and an exception it
 * throws is a {@code NaN} at that bar ({@link #onPluginFailure}).
 *
 * <p><b>State</b>: one {@code double[]} per stateful node, {@code [layoutVersion, bars, slots…]},
 * bounded by the node's window, identified by the 64-bit {@link #stateIds() id} of its canonical
 * text (e.g. {@code Std($close,20)}). A savepoint holds, per key, those ids and arrays: a program
 * compiled from changed definitions {@link #align aligns} them by id, so every node it still has
 * keeps its history (also when another factor now shares it), new nodes warm up, and nodes above
 * a node that warms up again warm up with it (their windows hold values of the old one).
 *
 * <p>Not thread-safe: {@link #evaluate} computes in work arrays of the program's own (a Flink
 * task deserializes a program of its own).
 */
public final class FactorProgram implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int FIELDS = BarField.values().length;

    /**
     * One named factor: an expression over bar fields and other factors of the set, or a
     * plug-in's factor ({@code plugin} not null; {@code expression} is then the canonical text of
     * its call, e.g. {@code kama(window=10,fast=2,slow=30)}, which names its state). Equal when
     * names and expressions are: a call's text names the plug-in and every parameter.
     */
    public record Definition(String name, String expression, IncrementalFactor plugin)
            implements Serializable {

        public Definition(String name, String expression) {
            this(name, expression, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Definition d && name.equals(d.name)
                    && expression.equals(d.expression) && (plugin == null) == (d.plugin == null);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + expression.hashCode();
        }
    }

    private final Node[] nodes;
    private final String[] names;
    private final int[] outputs;
    private final long[] warmUps;
    /**
     * Index into the state arrays of each node's state (its own, or the one it reads: a
     * {@link WindowStatistic}'s window's), or −1 for a node without state.
     */
    private final int[] stateOf;
    /** Node of each state array. */
    private final int[] stateNodes;
    private final long[] ids;
    /** Bars each stateful node must have taken before its value is warm (lag + 1). */
    private final long[] needs;
    /** Per factor: the state arrays of its expression, all of which must be warm. */
    private final int[][] warmChecks;
    private final BarField[] fields;

    /** How {@link #values} computes each node: one of the kinds below. */
    private final byte[] kinds;
    private static final byte FIELD = 0;
    private static final byte CONSTANT = 1;
    private static final byte ELEMENT = 2;
    private static final byte NODE = 3;
    private static final byte PLUGIN = 4;
    /** Per node: the field's ordinal (FIELD), the constant (CONSTANT), the operator (ELEMENT). */
    private final int[] fieldOf;
    private final double[] constants;
    private final Operator[] ops;
    /** Per element-wise node: its inputs, an operator's missing ones repeating its first. */
    private final int[] inA;
    private final int[] inB;
    private final int[] inC;
    /** Per state array: its length and its node's layout version. */
    private final int[] lengths;
    private final int[] versions;

    private static final int[] ALL_WARM = new int[0];
    /**
     * Per-bar work arrays of {@link #evaluate} (fields, then every node's value), reused: a
     * program is used by one thread. Every node's slot is written before it is read.
     */
    private transient double[] fieldScratch;
    private transient double[] scratch;
    /** The states {@link #evaluate} took last, when every node in them was warm after it. */
    private transient double[][] warmStates;
    /**
     * How the nodes are computed: generated by {@link #generateNodeLoop} (the factor operator's
     * open) or else on the first bar ({@link NodeLoopGenerator}).
     */
    private transient NodeLoop loop;
    private transient boolean generated;

    private FactorProgram(FactorCompiler c) {
        nodes = c.nodes.toArray(Node[]::new);
        names = c.names.toArray(String[]::new);
        outputs = c.outputs.stream().mapToInt(Integer::intValue).toArray();
        warmUps = new long[names.length];
        stateOf = new int[nodes.length];
        List<Integer> stateful = new ArrayList<>();
        Set<BarField> read = new LinkedHashSet<>();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].slots() > 0) {
                stateOf[i] = stateful.size();
                stateful.add(i);
            } else {
                stateOf[i] = nodes[i].readsInputState() ? stateOf[nodes[i].inputs[0]] : -1;
            }
            if (nodes[i] instanceof Leaf leaf && leaf.field() != null) {
                read.add(leaf.field());
            } else if (nodes[i] instanceof PluginNode plugin) {
                read.addAll(plugin.fields());
            }
        }
        fields = read.toArray(BarField[]::new);
        kinds = new byte[nodes.length];
        fieldOf = new int[nodes.length];
        constants = new double[nodes.length];
        ops = new Operator[nodes.length];
        inA = new int[nodes.length];
        inB = new int[nodes.length];
        inC = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            if (node instanceof Leaf leaf) {
                kinds[i] = leaf.field() != null ? FIELD : CONSTANT;
                fieldOf[i] = leaf.field() != null ? leaf.field().ordinal() : 0;
                constants[i] = leaf.field() != null ? Double.NaN : leaf.value(null);
            } else if (node instanceof ElementWise element) {
                kinds[i] = ELEMENT;
                ops[i] = element.op();
                int[] in = node.inputs;
                inA[i] = in[0];
                inB[i] = in.length > 1 ? in[1] : in[0];
                inC[i] = in.length > 2 ? in[2] : in[0];
            } else {
                kinds[i] = node instanceof PluginNode ? PLUGIN : NODE;
            }
        }
        stateNodes = stateful.stream().mapToInt(Integer::intValue).toArray();
        ids = new long[stateNodes.length];
        lengths = new int[stateNodes.length];
        versions = new int[stateNodes.length];
        needs = new long[stateNodes.length];
        for (int k = 0; k < stateNodes.length; k++) {
            ids[k] = id(nodes[stateNodes[k]].canonical);
            lengths[k] = Node.HEADER + nodes[stateNodes[k]].slots();
            versions[k] = nodes[stateNodes[k]].layoutVersion();
            needs[k] = c.lags.get(stateNodes[k]) + 1;
        }
        warmChecks = new int[names.length][];
        for (int f = 0; f < names.length; f++) {
            warmUps[f] = c.lags.get(outputs[f]) + 1;
            warmChecks[f] = statesBelow(outputs[f]);
        }
    }

    /**
     * Compiles the definitions, in order: the factors' output order.
     *
     * @throws InvalidFactorsException listing every mistake (a bad name or a name defined twice,
     *     a syntax error, an unknown field, operator or factor, a wrong number of arguments, a
     *     window out of range, a cycle between factors), each naming its factor
     */
    public static FactorProgram compile(List<Definition> definitions) {
        return new FactorProgram(FactorCompiler.compile(definitions));
    }

    /**
     * Tells {@code listener} of every exception a plug-in's factor throws from now on, with the
     * call ({@code kama(window=10,fast=2,slow=30)} and the plug-in's class and jar): the factor's
     * value is then {@code NaN} at that bar and its state stays as before the call. Without a
     * listener such an exception fails {@link #evaluate} ({@link IllegalStateException}). Set
     * once per program before its first bar; the program is then used by one thread.
     */
    public void onPluginFailure(BiConsumer<String, Exception> listener) {
        for (Node node : nodes) {
            if (node instanceof PluginNode plugin) {
                plugin.onFailure(listener);
            }
        }
    }

    /** Factor names in output order; a fresh copy. */
    public String[] names() {
        return names.clone();
    }

    /**
     * Bars a factor's expression takes before its values are reported (1 for one without a
     * rolling operator).
     */
    public long warmUp(int factor) {
        return warmUps[factor];
    }

    /** Number of nodes (distinct sub-expressions, fields and constants included). */
    public int nodeCount() {
        return nodes.length;
    }

    /** Ids of the state arrays, in their order; a fresh copy. */
    public long[] stateIds() {
        return ids.clone();
    }

    /** Doubles of state per key, over every stateful node (headers included). */
    public int stateSize() {
        int size = 0;
        for (int node : stateNodes) {
            size += Node.HEADER + nodes[node].slots();
        }
        return size;
    }

    /**
     * The state arrays for one key, in {@link #stateIds()} order: each stored one whose id this
     * program has and whose length and layout version fit its node, a fresh one for the others
     * (new nodes, and every node above one that is fresh).
     *
     * @param storedIds ids of the stored arrays, or null for a new key
     * @param stored the stored arrays, parallel to {@code storedIds}
     * @param rejected told the canonical text of each stored node whose array does not fit
     */
    public double[][] align(long[] storedIds, double[][] stored, Consumer<String> rejected) {
        if (storedIds != null && stored != null && stored.length == ids.length
                && (storedIds == ids || Arrays.equals(storedIds, ids)) && allFit(stored)) {
            return stored; // the key's next bar under the same program: nothing to align
        }
        double[][] states = new double[ids.length][];
        if (storedIds != null && stored != null) {
            if (Arrays.equals(storedIds, ids) && stored.length == ids.length) {
                for (int k = 0; k < ids.length; k++) {
                    states[k] = fitting(k, stored[k], rejected);
                }
            } else {
                Map<Long, Integer> index = new HashMap<>();
                for (int k = 0; k < ids.length; k++) {
                    index.put(ids[k], k);
                }
                for (int j = 0; j < Math.min(storedIds.length, stored.length); j++) {
                    Integer k = index.get(storedIds[j]);
                    if (k != null) {
                        states[k] = fitting(k, stored[j], rejected);
                    }
                }
            }
        }
        boolean[] fresh = new boolean[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            for (int input : nodes[i].inputs) {
                fresh[i] |= fresh[input];
            }
            int k = stateOf[i];
            if (k >= 0 && stateNodes[k] == i) {
                fresh[i] |= states[k] == null;
                if (fresh[i]) {
                    states[k] = new double[Node.HEADER + nodes[i].slots()];
                    states[k][Node.VERSION] = nodes[i].layoutVersion();
                }
            }
        }
        return states;
    }

    private double[] fitting(int k, double[] state, Consumer<String> rejected) {
        if (fits(k, state)) {
            return state;
        }
        rejected.accept(nodes[stateNodes[k]].canonical);
        return null;
    }

    private boolean allFit(double[][] stored) {
        for (int k = 0; k < stored.length; k++) {
            if (!fits(k, stored[k])) {
                return false;
            }
        }
        return true;
    }

    private boolean fits(int k, double[] state) {
        return state != null && state.length == lengths[k] && state[Node.VERSION] == versions[k];
    }

    /**
     * Advances every node by one bar and returns the factor values, {@code NaN} while a factor
     * warms up.
     *
     * @param bar the key's next bar, newer than every bar before
     * @param states the key's state arrays ({@link #align}); updated
     */
    public double[] evaluate(Kline bar, double[][] states) {
        return evaluate(BarField.values(bar, fields), states);
    }

    /**
     * {@link #evaluate(Kline, double[][])} of a bar given by the values of the fields this
     * program reads, in {@link #fieldsRead} order.
     *
     * @throws IllegalArgumentException if {@code fieldValues} has not one value per field read
     */
    public double[] evaluate(double[] fieldValues, double[][] states) {
        if (fieldValues.length != fields.length) {
            throw new IllegalArgumentException(fieldValues.length + " field values for a program"
                    + " reading " + fields.length + " fields: " + fieldsRead());
        }
        if (scratch == null) {
            fieldScratch = new double[FIELDS];
            scratch = new double[nodes.length];
        }
        for (int i = 0; i < fields.length; i++) {
            fieldScratch[fields[i].ordinal()] = fieldValues[i];
        }
        double[] values = values(fieldScratch, states, scratch);
        // bars only grow: states warm after the last bar (a key's next bar, its states kept
        // between bars) are warm now, without reading each array's count
        boolean allWarm = states == warmStates || allWarm(states);
        warmStates = allWarm ? states : null;
        double[] out = new double[names.length];
        for (int f = 0; f < names.length; f++) {
            out[f] = allWarm || warm(f, states) ? values[outputs[f]] : Double.NaN;
        }
        return out;
    }

    private boolean allWarm(double[][] states) {
        for (int k = 0; k < states.length; k++) {
            if (states[k][Node.BARS] < needs[k]) {
                return false;
            }
        }
        return true;
    }

    /** Every node's value at the next bar, whose fields are {@code fieldValues}; advances. */
    double[] values(double[] fieldValues, double[][] states) {
        return values(fieldValues, states, new double[nodes.length]);
    }

    /**
     * Generates the code that computes the nodes ({@link NodeLoopGenerator}) now, where it would
     * be generated on the first bar otherwise; without Janino on the class path the nodes are
     * interpreted. Once per program; the program is then used by one thread.
     */
    public void generateNodeLoop() {
        if (loop == null) {
            loop = NodeLoopGenerator.generate(nodes, stateOf);
            generated = loop != null;
            if (!generated) {
                loop = this::interpret;
            }
        }
    }

    /** {@link #values(double[], double[][])} into {@code values}, every node's slot written. */
    private double[] values(double[] fieldValues, double[][] states, double[] values) {
        generateNodeLoop();
        loop.values(fieldValues, states, values);
        for (double[] state : states) {
            state[Node.BARS]++;
        }
        return values;
    }

    /** From the next bar on, interprets the nodes rather than run the generated loop (tests). */
    void interpretNodes() {
        loop = this::interpret;
        generated = false;
    }

    /** Whether the nodes run in a generated loop ({@link NodeLoopGenerator}). */
    boolean generated() {
        return generated;
    }

    /** The {@link NodeLoop} of the program when none is generated: a dispatch per node. */
    private void interpret(double[] fieldValues, double[][] states, double[] values) {
        for (int i = 0; i < nodes.length; i++) {
            switch (kinds[i]) {
                case FIELD:
                    values[i] = fieldValues[fieldOf[i]];
                    break;
                case CONSTANT:
                    values[i] = constants[i];
                    break;
                case ELEMENT:
                    // in this loop rather than a call per node: most nodes are element-wise
                    values[i] = ElementWise.apply(ops[i], values[inA[i]], values[inB[i]],
                            values[inC[i]]);
                    break;
                case PLUGIN:
                    values[i] = ((PluginNode) nodes[i]).update(fieldValues,
                            stateOf[i] >= 0 ? states[stateOf[i]] : null);
                    break;
                default:
                    values[i] = nodes[i].evaluate(values,
                            stateOf[i] >= 0 ? states[stateOf[i]] : null);
            }
        }
    }

    /** The bar fields {@link #evaluate} takes of each kline: those some node reads. */
    public List<BarField> fieldsRead() {
        return List.of(fields);
    }

    /** Node holding factor {@code f}'s value. */
    int output(int f) {
        return outputs[f];
    }

    /**
     * Indexes of the factors still warming up after the bar {@link #evaluate} took last (their
     * values were {@code NaN}), in set order; empty once every factor is warm.
     *
     * @param states the key's state arrays, as {@link #evaluate} left them
     */
    public int[] warmingUp(double[][] states) {
        if (states == warmStates || allWarm(states)) {
            return ALL_WARM; // bars only grow: warm after the last evaluate is warm now
        }
        int[] cold = new int[names.length];
        int n = 0;
        for (int f = 0; f < names.length; f++) {
            if (!warm(f, states)) {
                cold[n++] = f;
            }
        }
        return Arrays.copyOf(cold, n);
    }

    /** Whether every stateful node of factor {@code f} has taken the bars it needs. */
    boolean warm(int f, double[][] states) {
        for (int k : warmChecks[f]) {
            if (states[k][Node.BARS] < needs[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bars taken by the stateful nodes of factor {@code f}'s expression: the fewest of any of
     * them, {@code Long.MAX_VALUE} for an expression without state.
     */
    public long barsTaken(int f, double[][] states) {
        long bars = Long.MAX_VALUE;
        for (int k : warmChecks[f]) {
            bars = Math.min(bars, (long) states[k][Node.BARS]);
        }
        return bars;
    }

    /** Canonical text of every node, in order (for tests and the operator's description). */
    List<String> canonicals() {
        return Arrays.stream(nodes).map(n -> n.canonical).toList();
    }

    private int[] statesBelow(int root) {
        Set<Integer> found = new LinkedHashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(root));
        boolean[] seen = new boolean[nodes.length];
        while (!todo.isEmpty()) {
            int i = todo.remove(todo.size() - 1);
            if (seen[i]) {
                continue;
            }
            seen[i] = true;
            if (stateOf[i] >= 0) {
                found.add(stateOf[i]);
            }
            for (int input : nodes[i].inputs) {
                todo.add(input);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** First 8 bytes of the SHA-256 of the canonical text: stable across JVMs and versions. */
    static long id(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = id << 8 | (hash[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
