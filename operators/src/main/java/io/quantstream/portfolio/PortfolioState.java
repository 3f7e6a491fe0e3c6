package io.quantstream.portfolio;

import io.quantstream.model.ControlCommand;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The keyed state of the portfolio operator ({@link PortfolioStages#uid}, key: strategy name)
 * that the state tools read, named once here for {@link BarOrder}, {@link TargetSizer} and
 * {@link ControlledPortfolio}.
 */
public final class PortfolioState {

    private PortfolioState() {}

    /** Close time (epoch ms UTC) of the last bar the strategy decided on. */
    public static ValueStateDescriptor<Long> lastCloseTime() {
        return new ValueStateDescriptor<>("last-close-time", Types.LONG);
    }

    /** Last close (quote currency) per instrument key {@code MARKET:SYMBOL}. */
    public static MapStateDescriptor<String, BigDecimal> lastClose() {
        return new MapStateDescriptor<>("last-close", Types.STRING, Types.BIG_DEC);
    }

    /** Last target per instrument key (the controlled portfolio only). */
    public static MapStateDescriptor<String, TargetPosition> lastTargets() {
        return new MapStateDescriptor<>(
                "last-targets", Types.STRING, TypeInformation.of(TargetPosition.class));
    }

    /** The control command in force, null when none (the controlled portfolio only). */
    public static ValueStateDescriptor<ControlCommand> controlInForce() {
        return new ValueStateDescriptor<>(
                "control-in-force", TypeInformation.of(ControlCommand.class));
    }
}
