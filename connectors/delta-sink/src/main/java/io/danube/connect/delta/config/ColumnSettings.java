package io.danube.connect.delta.config;

/**
 * One column mapping, in any of the spellings the Rust connector's configs used ({@code schema = [{name, data_type,
 * nullable}]}, {@code field_mappings = [{json_path, column, data_type, nullable}]}) or ours
 * ({@code [[deltalake.routes.columns]]} with {@code field}, {@code column}, {@code type}, {@code required}).
 *
 * @param name     column name (Rust {@code schema} spelling of {@code column})
 * @param column   column name
 * @param jsonPath JSON path into the payload (Rust spelling of {@code field})
 * @param field    JSON path into the payload (default {@code $.<column>})
 * @param dataType type (Rust spelling of {@code type})
 * @param type     Delta type name or Arrow name (default string)
 * @param nullable whether missing/null values are written as null (default true)
 * @param required the opposite of {@code nullable}
 */
public record ColumnSettings(String name, String column, String jsonPath, String field, String dataType, String type,
                             Boolean nullable, Boolean required) {
}
