package io.quantstream.model;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Exact values in the binary form of the records' own Flink serializers: a {@code BigDecimal}
 * keeps its unscaled value and scale (so {@code 0.2500} stays {@code 0.2500}), as one long where
 * it fits (a price or volume of up to 18 digits, nearly all of them), else as the bytes of its
 * unscaled value; null allowed. {@link TradeStats} field by field, null allowed; a
 * {@link Market} as its ordinal (the records cross a shuffle of one build, never state; but the
 * in-flight records of an unaligned checkpoint are in this form, so restore across a change of it
 * from a savepoint).
 */
public final class ExactValuesIO {

    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte BYTES = 2;

    private static final Market[] MARKETS = Market.values();
    /** Longest unscaled value read back (far beyond any price or volume), against corrupt input. */
    private static final int MAX_UNSCALED_BYTES = 1 << 10;
    /** Digits of an unscaled value that always fit a long. */
    private static final int MAX_LONG_DIGITS = 18;

    private ExactValuesIO() {}

    public static void writeDecimal(BigDecimal value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        if (value.precision() <= MAX_LONG_DIGITS) {
            // the unscaled value of up to 18 digits, without the BigInteger unscaledValue()
            // makes: a compact decimal scaled to scale 0 is its long
            out.writeByte(LONG);
            out.writeInt(value.scale());
            out.writeLong(value.scaleByPowerOfTen(value.scale()).longValue());
            return;
        }
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() < Long.SIZE) {
            out.writeByte(LONG);
            out.writeInt(value.scale());
            out.writeLong(unscaled.longValue());
        } else {
            byte[] bytes = unscaled.toByteArray();
            out.writeByte(BYTES);
            out.writeInt(value.scale());
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** @throws IOException also when the input holds no decimal at this position */
    public static BigDecimal readDecimal(DataInputView in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case NULL:
                return null;
            case LONG: {
                int scale = in.readInt();
                return BigDecimal.valueOf(in.readLong(), scale);
            }
            case BYTES: {
                int scale = in.readInt();
                int length = in.readInt();
                if (length < 1 || length > MAX_UNSCALED_BYTES) {
                    throw new IOException("not a serialized decimal: " + length + " bytes");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                return new BigDecimal(new BigInteger(bytes), scale);
            }
            default:
                throw new IOException("not a serialized decimal: tag " + kind);
        }
    }

    public static void writeMarket(Market market, DataOutputView out) throws IOException {
        out.writeByte(market == null ? -1 : market.ordinal());
    }

    /** @throws IOException also when the input holds no market at this position */
    public static Market readMarket(DataInputView in) throws IOException {
        int ordinal = in.readByte();
        if (ordinal >= MARKETS.length) {
            throw new IOException("not a serialized market: ordinal " + ordinal);
        }
        return ordinal < 0 ? null : MARKETS[ordinal];
    }

    public static void writeStats(TradeStats stats, DataOutputView out) throws IOException {
        out.writeBoolean(stats != null);
        if (stats == null) {
            return;
        }
        writeDecimal(stats.buyVolume, out);
        writeDecimal(stats.sellVolume, out);
        writeDecimal(stats.buyDollarVolume, out);
        writeDecimal(stats.sellDollarVolume, out);
        out.writeLong(stats.buyCount);
        out.writeLong(stats.sellCount);
        out.writeInt(stats.sizeCounts.length);
        for (long count : stats.sizeCounts) {
            out.writeLong(count);
        }
        out.writeInt(stats.sizeVolumes.length);
        for (BigDecimal volume : stats.sizeVolumes) {
            writeDecimal(volume, out);
        }
    }

    public static TradeStats readStats(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        TradeStats stats = new TradeStats();
        stats.buyVolume = readDecimal(in);
        stats.sellVolume = readDecimal(in);
        stats.buyDollarVolume = readDecimal(in);
        stats.sellDollarVolume = readDecimal(in);
        stats.buyCount = in.readLong();
        stats.sellCount = in.readLong();
        stats.sizeCounts = new long[in.readInt()];
        for (int i = 0; i < stats.sizeCounts.length; i++) {
            stats.sizeCounts[i] = in.readLong();
        }
        stats.sizeVolumes = new BigDecimal[in.readInt()];
        for (int i = 0; i < stats.sizeVolumes.length; i++) {
            stats.sizeVolumes[i] = readDecimal(in);
        }
        return stats;
    }
}
