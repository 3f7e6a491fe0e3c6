package io.quantstream.factor.expr;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the {@link NodeLoop} of a program as Java: one statement per node, in order, in
 * methods of {@value #NODES_PER_METHOD} nodes, each element-wise node its arithmetic
 * ({@link ElementWise#java}), each other node a call on a field of its exact class. The
 * interpreter's loop dispatches twice per node (on the node's kind, then on its operator or
 * class), branches that a sequence of a few hundred nodes makes hard to predict; here there is
 * no dispatch, and each call site sees one class, which the JIT can inline.
 *
 * <p>Compiled by Janino ({@code org.codehaus.janino}, the compiler Flink's table runtime generates
 * its operators with; {@code flink-table-runtime} is on every Flink class path, a cluster's
 * {@code lib/} and the embedded one) and defined in this package and class loader, so it calls
 * the nodes' package-private methods; it is unloaded with the class loader (a job's, on a
 * cluster). One class per distinct program in a JVM: the parallel instances of a task share it.
 */
final class NodeLoopGenerator {

    /** Nodes per generated method: within the JIT's limits for a method it compiles whole. */
    static final int NODES_PER_METHOD = 48;

    private static final Logger LOG = LoggerFactory.getLogger(NodeLoopGenerator.class);
    private static final Map<String, MethodHandle> CLASSES = new ConcurrentHashMap<>();
    private static final AtomicInteger DEFINED = new AtomicInteger();
    /** The generated class's name in {@link #source}, numbered when defined. */
    private static final String CLASS = "GeneratedNodeLoop";
    private static volatile boolean unavailableLogged;

    private NodeLoopGenerator() {}

    /**
     * The generated loop over {@code nodes}, or null when Janino is not on the class path or
     * cannot compile it (logged: the program then interprets its nodes, at the same values).
     *
     * @param stateOf per node, the index of its state array, or −1
     */
    static NodeLoop generate(Node[] nodes, int[] stateOf) {
        String source = source(nodes, stateOf);
        try {
            MethodHandle constructor = CLASSES.computeIfAbsent(source,
                    text -> define(text, nodes.length));
            return (NodeLoop) constructor.invoke(nodes);
        } catch (LinkageError e) {
            if (!unavailableLogged) {
                unavailableLogged = true;
                LOG.info("Janino (flink-table-runtime) is not on the class path ({}): factor"
                        + " programs are interpreted", e.toString());
            }
            return null;
        } catch (Throwable e) {
            LOG.warn("could not generate the node loop of a factor program of {} nodes; it is"
                    + " interpreted", nodes.length, e);
            return null;
        }
    }

    private static MethodHandle define(String source, int nodes) {
        // a class of its own name per program: Janino's class refers to itself by name (its
        // private methods), which a hidden class cannot
        String name = CLASS + DEFINED.incrementAndGet();
        String named = source.replace(CLASS, name);
        long start = System.nanoTime();
        byte[] bytes = Janino.compile(named, NodeLoopGenerator.class.getPackageName() + "." + name);
        try {
            Class<?> type = MethodHandles.lookup().defineClass(bytes);
            LOG.info("factor program of {} nodes compiled to {} ({} bytes of bytecode) in {} ms",
                    nodes, type.getName(), bytes.length,
                    (System.nanoTime() - start) / 1_000_000);
            return MethodHandles.lookup().findConstructor(type,
                    MethodType.methodType(void.class, Node[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated node loop cannot be defined: " + e, e);
        }
    }

    /**
     * The calls into Janino, in a class of their own: this class then loads without Janino
     * (its verifier would load the exception types a method here catches).
     */
    private static final class Janino {

        static byte[] compile(String source, String className) {
            try {
                org.codehaus.janino.SimpleCompiler compiler =
                        new org.codehaus.janino.SimpleCompiler();
                compiler.setParentClassLoader(NodeLoopGenerator.class.getClassLoader());
                compiler.cook(source);
                return compiler.getBytecodes().get(className);
            } catch (Exception e) {
                throw new IllegalStateException("generated node loop does not compile: " + e
                        + "\n" + source, e);
            }
        }
    }

    /** The Java source of the loop over {@code nodes}. */
    static String source(Node[] nodes, int[] stateOf) {
        StringBuilder fields = new StringBuilder();
        StringBuilder constructor = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        StringBuilder methods = new StringBuilder();
        for (int from = 0; from < nodes.length; from += NODES_PER_METHOD) {
            int part = from / NODES_PER_METHOD;
            calls.append("        part").append(part).append("(f, s, v);\n");
            methods.append("\n    private void part").append(part)
                    .append("(double[] f, double[][] s, double[] v) {\n");
            for (int i = from; i < Math.min(nodes.length, from + NODES_PER_METHOD); i++) {
                Node node = nodes[i];
                String state = stateOf[i] >= 0 ? "s[" + stateOf[i] + "]" : "null";
                methods.append("        v[").append(i).append("] = ");
                if (node instanceof Leaf leaf) {
                    methods.append(leaf.field() != null ? "f[" + leaf.field().ordinal() + "]"
                            : literal(leaf.value(null)));
                } else if (node instanceof ElementWise element) {
                    int[] in = node.inputs;
                    methods.append(ElementWise.java(element.op(), "v[" + in[0] + "]",
                            "v[" + in[in.length > 1 ? 1 : 0] + "]",
                            "v[" + in[in.length > 2 ? 2 : 0] + "]"));
                } else {
                    String type = typeName(node.getClass());
                    fields.append("    private final ").append(type).append(" n").append(i)
                            .append(";\n");
                    constructor.append("        n").append(i).append(" = (").append(type)
                            .append(") nodes[").append(i).append("];\n");
                    methods.append("n").append(i).append(node instanceof PluginNode
                            ? ".update(f, " : ".evaluate(v, ").append(state).append(")");
                }
                methods.append(";\n");
            }
            methods.append("    }\n");
        }
        return "package " + NodeLoopGenerator.class.getPackageName() + ";\n\n"
                + "final class " + CLASS + " implements NodeLoop {\n\n"
                + fields
                + "\n    " + CLASS + "(Node[] nodes) {\n" + constructor + "    }\n\n"
                + "    public void values(double[] f, double[][] s, double[] v) {\n" + calls
                + "    }\n" + methods + "}\n";
    }

    /** The class's name in source, or {@code Node} for one the generated class cannot name. */
    private static String typeName(Class<?> type) {
        String name = type.getCanonicalName();
        return name == null || Modifier.isPrivate(type.getModifiers()) ? "Node" : name;
    }

    /** {@code x} as a Java literal of the same double. */
    static String literal(double x) {
        if (Double.isNaN(x)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        // Double.toString gives the digits that read back as exactly this double; −0.0 included
        return "(" + x + ")";
    }
}
