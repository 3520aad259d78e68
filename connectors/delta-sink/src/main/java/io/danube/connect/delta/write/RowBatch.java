package io.danube.connect.delta.write;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;

import io.delta.kernel.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of one table (value arrays in schema order) as the columnar batch Delta Kernel writes. */
final class RowBatch implements ColumnarBatch {

    private final StructType schema;
    private final ColumnVector[] vectors;
    private final int size;

    RowBatch(StructType schema, List<Object[]> rows) {
        this.schema = schema;
        this.size = rows.size();
        this.vectors = new ColumnVector[schema.length()];
        for (int column = 0; column < vectors.length; column++) {
            Object[] values = new Object[size];
            for (int row = 0; row < size; row++) {
                values[row] = rows.get(row)[column];
            }
            vectors[column] = new ValueVector(schema.at(column).getDataType(), values);
        }
    }

    private RowBatch(StructType schema, ColumnVector[] vectors, int size) {
        this.schema = schema;
        this.vectors = vectors;
        this.size = size;
    }

    /** Kernel drops the partition columns this way before writing the data files. */
    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal) {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.remove(ordinal);
        List<ColumnVector> remaining = new ArrayList<>(Arrays.asList(vectors));
        remaining.remove(ordinal);
        return new RowBatch(new StructType(fields), remaining.toArray(ColumnVector[]::new), size);
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return vectors[ordinal];
    }

    @Override
    public int getSize() {
        return size;
    }
}
