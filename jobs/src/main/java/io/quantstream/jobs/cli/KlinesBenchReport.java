package io.quantstream.jobs.cli;

import io.quantstream.jobs.bench.KlinesBench;
import java.io.PrintWriter;

/** The tables {@code bench klines} prints: every variant and peer, then ours against each peer. */
final class KlinesBenchReport {

    private KlinesBenchReport() {}

    static void print(PrintWriter out, KlinesBench.Result r) {
        out.printf("%nworkload %s: %d files, %,d trades, parallelism %d, %d cores (load average %.2f"
                + " at the start, %.2f at the end: other work on this machine counts in the wall"
                + " times)%n", r.workload(), r.files(), r.trades(), r.parallelism(), r.cores(),
                r.loadAverage()[0], r.loadAverage()[1]);
        out.println("each a whole process measured from outside (JVM start-up and exit included);"
                + " medians over the runs");
        out.printf("%-42s %8s %8s %10s %13s %7s %6s  %s%n", "run", "wall s", "CPU s", "trades/s",
                "trades/CPU-s", "RSS MB", "load", "exact fields (matched/total)");
        for (KlinesBench.Measured m : r.results()) {
            KlinesBench.Figures f = m.median();
            KlinesBench.Verification v = m.verification();
            String name = m.side().equals("peer") ? "peer " + m.name() + " (" + m.variant() + ")" : m.name();
            out.printf("%-42s %8.2f %8.2f %10s %13s %7d %6.2f  %,d/%,d%s%n", name, f.wallSeconds(),
                    f.cpuSeconds(), millions(f.tradesPerSecond()), millions(f.tradesPerCpuSecond()),
                    f.peakRssMb(), f.loadAverage(), v.matchedFields(), v.totalFields(),
                    v.problems().isEmpty() ? "" : "  " + v.problems().get(0));
        }
        if (r.ratios().isEmpty()) {
            return;
        }
        out.println();
        out.println("ours / peer, > 1 = ours ahead: trades per CPU-second (trades per second of wall"
                + " time); medians of run-by-run ratios");
        out.printf("%-30s %-24s %s%n", "ours", "peer", "per CPU-second (per second)");
        for (KlinesBench.Ratio ratio : r.ratios()) {
            out.printf("%-30s %-24s %6.2f (%.2f)%n", ratio.ours(), ratio.peer(),
                    ratio.tradesPerCpuSecond(), ratio.tradesPerSecond());
        }
    }

    private static String millions(double perSecond) {
        return String.format("%.2f M", perSecond / 1e6);
    }
}
