package io.danube.connect.delta.write;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;

import java.math.BigDecimal;

/**
 * One column of a batch held as boxed values. Delta Kernel's API leaves in-memory column vectors to the engine and the
 * default engine's vectors are internal classes, so the sink has this small one of its own.
 */
final class ValueVector implements ColumnVector {

    private final DataType type;
    private final Object[] values;

    ValueVector(DataType type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public int getSize() {
        return values.length;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isNullAt(int rowId) {
        return values[rowId] == null;
    }

    @Override
    public boolean getBoolean(int rowId) {
        return (Boolean) values[rowId];
    }

    @Override
    public byte getByte(int rowId) {
        return (Byte) values[rowId];
    }

    @Override
    public short getShort(int rowId) {
        return (Short) values[rowId];
    }

    @Override
    public int getInt(int rowId) {
        return (Integer) values[rowId];
    }

    @Override
    public long getLong(int rowId) {
        return (Long) values[rowId];
    }

    @Override
    public float getFloat(int rowId) {
        return (Float) values[rowId];
    }

    @Override
    public double getDouble(int rowId) {
        return (Double) values[rowId];
    }

    @Override
    public byte[] getBinary(int rowId) {
        return (byte[]) values[rowId];
    }

    @Override
    public String getString(int rowId) {
        return (String) values[rowId];
    }

    @Override
    public BigDecimal getDecimal(int rowId) {
        return (BigDecimal) values[rowId];
    }
}
