package io.quantstream.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Real data for tests, read in place from {@code ../shared/data} (never copied into this
 * repository). Surefire passes the folder as system property {@code quantstream.shared}.
 *
 * <p>A missing file skips the test on a developer machine and fails it when {@code CI=true}.
 */
public final class SharedData {

    private SharedData() {}

    /** The {@code ../shared/data} folder. */
    public static Path root() {
        String shared = System.getProperty("quantstream.shared");
        Path base = shared != null ? Paths.get(shared) : Paths.get("..", "..", "shared");
        return base.resolve("data").toAbsolutePath().normalize();
    }

    /**
     * A file or folder under {@code ../shared/data}, e.g. {@code binance/ws/usdm/btcusdt_20240718.gz}.
     * Skips the calling test when it is missing, or fails it when the environment variable
     * {@code CI} is {@code true}.
     */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            missing("real data file missing: " + path
                    + " (expected the shared data folder ../shared/data beside the checkout;"
                    + " see ../shared/data/README.md)");
        }
        return path;
    }

    /**
     * {@code ../shared/tools/peerbench}, whose {@code bin/} has the workload generator and the
     * peers; skips or fails the calling test as {@link #require} does when it is missing.
     */
    public static Path peerbench() {
        Path path = root().resolveSibling("tools").resolve("peerbench");
        if (!Files.isExecutable(path.resolve("bin/peerbench"))) {
            missing("peerbench missing: " + path + " (expected ../shared/tools/peerbench)");
        }
        return path;
    }

    private static void missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
