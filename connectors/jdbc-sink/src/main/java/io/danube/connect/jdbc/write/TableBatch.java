package io.danube.connect.jdbc.write;

import io.danube.connect.jdbc.mapping.Row;

import java.util.List;

/** The rows of one flush that go to one table. */
public record TableBatch(TableWriter writer, List<Row> rows) {
}
