package io.danube.connect.jdbc.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.config.ConfigException;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The column types a mapping may declare, with the conversion of a JSON value into the bound Java value. */
public enum ColumnType {
    TEXT(Types.VARCHAR),
    INTEGER(Types.INTEGER),
    BIGINT(Types.BIGINT),
    DOUBLE(Types.DOUBLE),
    NUMERIC(Types.NUMERIC),
    BOOLEAN(Types.BOOLEAN),
    TIMESTAMP(Types.TIMESTAMP_WITH_TIMEZONE),
    DATE(Types.DATE),
    JSON(Types.OTHER);

    private final int sqlType;

    ColumnType(int sqlType) {
        this.sqlType = sqlType;
    }

    /** The {@link Types} constant values are bound with. */
    public int sqlType() {
        return sqlType;
    }

    public static ColumnType parse(String key, String text) {
        if (text == null) {
            return TEXT;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "text", "string", "varchar" -> TEXT;
            case "integer", "int", "int4" -> INTEGER;
            case "bigint", "long", "int8" -> BIGINT;
            case "double", "float", "float8", "double precision" -> DOUBLE;
            case "numeric", "decimal" -> NUMERIC;
            case "boolean", "bool" -> BOOLEAN;
            case "timestamp", "timestamptz" -> TIMESTAMP;
            case "date" -> DATE;
            case "json", "jsonb" -> JSON;
            default -> throw new ConfigException(key, "unknown column type '" + text + "'; expected text, integer,"
                                                      + " bigint, double, numeric, boolean, timestamp, date or json");
        };
    }

    /** The type auto-create gives a column first seen holding {@code value}. */
    public static ColumnType inferredFrom(JsonNode value) {
        if (value == null || value.isNull() || value.isTextual()) {
            return TEXT;
        }
        if (value.isBoolean()) {
            return BOOLEAN;
        }
        if (value.isIntegralNumber()) {
            return BIGINT;
        }
        if (value.isNumber()) {
            return DOUBLE;
        }
        return JSON;
    }

    /**
     * Converts a JSON value into the value bound for this type; null for a missing or JSON null value.
     *
     * @throws IllegalArgumentException naming what was expected when the value does not fit
     */
    public Object convert(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (this) {
            case TEXT -> value.isValueNode() ? value.asText() : value.toString();
            case INTEGER -> Math.toIntExact(integral(value));
            case BIGINT -> integral(value);
            case DOUBLE -> value.isNumber() ? value.doubleValue() : Double.parseDouble(text(value));
            case NUMERIC -> value.isNumber() ? value.decimalValue() : new BigDecimal(text(value));
            case BOOLEAN -> bool(value);
            case TIMESTAMP -> timestamp(value);
            case DATE -> LocalDate.parse(text(value));
            case JSON -> value.toString();
        };
    }

    private static long integral(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            throw new IllegalArgumentException("expected an integer, got " + value);
        }
        return Long.parseLong(text(value).trim());
    }

    private static boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = text(value).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected a boolean, got " + value);
        };
    }

    private static OffsetDateTime timestamp(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.longValue()).atOffset(ZoneOffset.UTC);
        }
        String text = text(value);
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.parse(text).atOffset(ZoneOffset.UTC);
        }
    }

    private static String text(JsonNode value) {
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("expected a scalar, got " + value.getNodeType().name().toLowerCase(
                    Locale.ROOT));
        }
        return value.asText();
    }

    /** The type of an existing column, from JDBC metadata; unknown types are bound as text. */
    public static ColumnType fromJdbc(int jdbcType, String typeName) {
        return switch (jdbcType) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
            case Types.BIGINT -> BIGINT;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> NUMERIC;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
            case Types.DATE -> DATE;
            default -> typeName != null && typeName.toLowerCase(Locale.ROOT).startsWith("json") ? JSON : TEXT;
        };
    }
}
