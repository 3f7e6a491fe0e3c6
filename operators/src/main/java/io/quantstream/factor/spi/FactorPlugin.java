package io.quantstream.factor.spi;

import io.quantstream.plugin.Plugin;

/**
 * A factor from a plug-in jar, named in a job config's factor set like a built-in factor
 * ({@code kama(10)}, {@code kama(window=10, slow=30)}, or named: {@code KAMA=kama(10)}), and
 * usable by name in the set's expressions ({@code $close / kama_10 - 1}).
 *
 * <p>A jar provides it as a {@link java.util.ServiceLoader} service: the class (public, with a
 * public no-argument constructor) listed in
 * {@code META-INF/services/io.quantstream.factor.spi.FactorPlugin}. The jar depends on
 * {@code quantstream-operators} as {@code provided}; put it on the job's class path with
 * {@code bin/quantstream run --plugin JAR} (also {@code backtest}, {@code live}, {@code state}) or
 * {@code flink run -C file:///…/JAR}.
 *
 * <pre>{@code
 * public final class Kama implements FactorPlugin {
 *     public String name() { return "kama"; }
 *     public String description() { return "Kaufman's adaptive moving average of the close"; }
 *     public List<Parameter> parameters() {
 *         return List.of(Parameter.whole("window", 10, 1, 1000, "bars of the efficiency ratio"));
 *     }
 *     public IncrementalFactor create(Parameters p) { return new KamaFactor(p.wholeInt("window")); }
 * }
 * }</pre>
 */
public interface FactorPlugin extends Plugin<IncrementalFactor> {}
