package io.quantstream.connectors.replay;

/**
 * The time a replay paces itself by; tests pass a fake one so that pacing is checked without
 * waiting for it.
 */
public interface ReplayClock {

    /** A monotonic time in nanoseconds ({@link System#nanoTime()}). */
    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException;

    /** The wall clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    ReplayClock SYSTEM = new ReplayClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    };
}
