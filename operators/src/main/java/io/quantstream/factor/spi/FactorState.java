package io.quantstream.factor.spi;

/**
 * The keyed state of an {@link IncrementalFactor} for one instrument and interval:
 * {@link IncrementalFactor#stateSize()} doubles, all zeros for a new key, kept between bars and in
 * checkpoints (whole numbers are exact up to 2^53). Valid only during
 * {@link IncrementalFactor#update}.
 */
public interface FactorState {

    /** Bars taken before the current one, since the key's state began (0 for its first bar). */
    long bars();

    /** Number of slots, {@link IncrementalFactor#stateSize()}. */
    int size();

    /** @throws IndexOutOfBoundsException when {@code slot} is not in {@code [0, size())} */
    double get(int slot);

    /** @throws IndexOutOfBoundsException when {@code slot} is not in {@code [0, size())} */
    void set(int slot, double value);
}
