package io.quantstream.factor;

import io.quantstream.factor.expr.FactorProgram.Definition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * qlib's Alpha158 feature set, under qlib's names and with qlib's formulas, as the
 * {@code Alpha158} handler configures them ({@code qlib/contrib/data/handler.py}
 * {@code Alpha158.get_feature_config}: k-bar features, prices {@code OPEN HIGH LOW VWAP} at
 * window 0, every rolling feature) and {@code Alpha158DL.get_feature_config} writes them
 * ({@code qlib/contrib/data/loader.py}), microsoft/qlib:
 *
 * <ul>
 *   <li>9 k-bar features: {@code KMID KLEN KMID2 KUP KUP2 KLOW KLOW2 KSFT KSFT2};
 *   <li>4 prices over the close: {@code OPEN0 HIGH0 LOW0 VWAP0};
 *   <li>29 rolling features for each window d of 5, 10, 20, 30, 60 bars, named with d:
 *       {@code ROC MA STD BETA RSQR RESI MAX MIN QTLU QTLD RANK RSV IMAX IMIN IMXD CORR CORD
 *       CNTP CNTN CNTD SUMP SUMN SUMD VMA VSTD WVMA VSUMP VSUMN VSUMD} (qlib's {@code MIN} is
 *       its {@code LOW} operator group).
 * </ul>
 *
 * 158 factors in this order; windows count bars of the kline interval (qlib's: days). A factor
 * is {@code NaN} until its window is full (the longest: 61 bars for {@code CORD60}).
 */
final class Alpha158 {

    static final int[] WINDOWS = {5, 10, 20, 30, 60};

    private Alpha158() {}

    static List<Definition> definitions() {
        List<Definition> d = new ArrayList<>();
        add(d, "KMID", "($close-$open)/$open");
        add(d, "KLEN", "($high-$low)/$open");
        add(d, "KMID2", "($close-$open)/($high-$low+1e-12)");
        add(d, "KUP", "($high-Greater($open, $close))/$open");
        add(d, "KUP2", "($high-Greater($open, $close))/($high-$low+1e-12)");
        add(d, "KLOW", "(Less($open, $close)-$low)/$open");
        add(d, "KLOW2", "(Less($open, $close)-$low)/($high-$low+1e-12)");
        add(d, "KSFT", "(2*$close-$high-$low)/$open");
        add(d, "KSFT2", "(2*$close-$high-$low)/($high-$low+1e-12)");
        for (String field : new String[] {"open", "high", "low", "vwap"}) {
            add(d, field.toUpperCase(Locale.ROOT) + "0", "$" + field + "/$close");
        }
        rolling(d, "ROC", "Ref($close, %d)/$close");
        rolling(d, "MA", "Mean($close, %d)/$close");
        rolling(d, "STD", "Std($close, %d)/$close");
        rolling(d, "BETA", "Slope($close, %d)/$close");
        rolling(d, "RSQR", "Rsquare($close, %d)");
        rolling(d, "RESI", "Resi($close, %d)/$close");
        rolling(d, "MAX", "Max($high, %d)/$close");
        rolling(d, "MIN", "Min($low, %d)/$close");
        rolling(d, "QTLU", "Quantile($close, %d, 0.8)/$close");
        rolling(d, "QTLD", "Quantile($close, %d, 0.2)/$close");
        rolling(d, "RANK", "Rank($close, %d)");
        rolling(d, "RSV", "($close-Min($low, %1$d))/(Max($high, %1$d)-Min($low, %1$d)+1e-12)");
        rolling(d, "IMAX", "IdxMax($high, %1$d)/%1$d");
        rolling(d, "IMIN", "IdxMin($low, %1$d)/%1$d");
        rolling(d, "IMXD", "(IdxMax($high, %1$d)-IdxMin($low, %1$d))/%1$d");
        rolling(d, "CORR", "Corr($close, Log($volume+1), %d)");
        rolling(d, "CORD", "Corr($close/Ref($close,1), Log($volume/Ref($volume, 1)+1), %d)");
        rolling(d, "CNTP", "Mean($close>Ref($close, 1), %d)");
        rolling(d, "CNTN", "Mean($close<Ref($close, 1), %d)");
        rolling(d, "CNTD", "Mean($close>Ref($close, 1), %1$d)-Mean($close<Ref($close, 1), %1$d)");
        rolling(d, "SUMP", "Sum(Greater($close-Ref($close, 1), 0), %1$d)"
                + "/(Sum(Abs($close-Ref($close, 1)), %1$d)+1e-12)");
        rolling(d, "SUMN", "Sum(Greater(Ref($close, 1)-$close, 0), %1$d)"
                + "/(Sum(Abs($close-Ref($close, 1)), %1$d)+1e-12)");
        rolling(d, "SUMD", "(Sum(Greater($close-Ref($close, 1), 0), %1$d)"
                + "-Sum(Greater(Ref($close, 1)-$close, 0), %1$d))"
                + "/(Sum(Abs($close-Ref($close, 1)), %1$d)+1e-12)");
        rolling(d, "VMA", "Mean($volume, %d)/($volume+1e-12)");
        rolling(d, "VSTD", "Std($volume, %d)/($volume+1e-12)");
        rolling(d, "WVMA", "Std(Abs($close/Ref($close, 1)-1)*$volume, %1$d)"
                + "/(Mean(Abs($close/Ref($close, 1)-1)*$volume, %1$d)+1e-12)");
        rolling(d, "VSUMP", "Sum(Greater($volume-Ref($volume, 1), 0), %1$d)"
                + "/(Sum(Abs($volume-Ref($volume, 1)), %1$d)+1e-12)");
        rolling(d, "VSUMN", "Sum(Greater(Ref($volume, 1)-$volume, 0), %1$d)"
                + "/(Sum(Abs($volume-Ref($volume, 1)), %1$d)+1e-12)");
        rolling(d, "VSUMD", "(Sum(Greater($volume-Ref($volume, 1), 0), %1$d)"
                + "-Sum(Greater(Ref($volume, 1)-$volume, 0), %1$d))"
                + "/(Sum(Abs($volume-Ref($volume, 1)), %1$d)+1e-12)");
        return d;
    }

    private static void add(List<Definition> d, String name, String expression) {
        d.add(new Definition(name, expression));
    }

    private static void rolling(List<Definition> d, String name, String format) {
        for (int w : WINDOWS) {
            add(d, name + w, String.format(format, w));
        }
    }
}
