package io.danube.connect.clickhouse.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.config.ConfigException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse column type a mapping may declare, with the conversion of a JSON value into the JSONEachRow value the
 * server parses for it. Integers are range-checked, DateTime values are sent as epoch seconds (so the server's time
 * zone does not matter), booleans become 1/0 (ClickHouse 18.16 has no Bool type; UInt8 is the convention).
 *
 * @param sql      the type as written in DDL, e.g. {@code Nullable(Int64)}
 * @param kind     the value family
 * @param bits     width of an integer kind, else 0
 * @param nullable a missing or null value is written as NULL; otherwise it is left out (the column default)
 */
public record ColumnType(String sql, Kind kind, int bits, boolean nullable) {

    /** The value families. */
    public enum Kind { STRING, SIGNED, UNSIGNED, FLOAT, DECIMAL, DATE, DATE_TIME }

    private static final Pattern NULLABLE = Pattern.compile("Nullable\\((.+)\\)");
    private static final Pattern INTEGER = Pattern.compile("(U?)Int(8|16|32|64)");
    private static final Pattern DECIMAL = Pattern.compile("Decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final BigInteger MAX_DATE_TIME = BigInteger.valueOf(4_294_967_295L);

    public static final ColumnType STRING = new ColumnType("String", Kind.STRING, 0, false);

    /** Parses a ClickHouse type name; {@code null} is String. */
    public static ColumnType parse(String key, String text) {
        if (text == null) {
            return STRING;
        }
        String type = text.trim();
        Matcher nullable = NULLABLE.matcher(type);
        if (nullable.matches()) {
            ColumnType inner = parse(key, nullable.group(1));
            return new ColumnType("Nullable(" + inner.sql + ")", inner.kind, inner.bits, true);
        }
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            return new ColumnType(type, integer.group(1).isEmpty() ? Kind.SIGNED : Kind.UNSIGNED,
                    Integer.parseInt(integer.group(2)), false);
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return new ColumnType("Decimal(" + decimal.group(1) + ", " + decimal.group(2) + ")", Kind.DECIMAL, 0,
                    false);
        }
        return switch (type) {
            case "String" -> STRING;
            case "Float32", "Float64" -> new ColumnType(type, Kind.FLOAT, 0, false);
            case "Date" -> new ColumnType(type, Kind.DATE, 0, false);
            case "DateTime" -> new ColumnType(type, Kind.DATE_TIME, 0, false);
            default -> throw new ConfigException(key, "unsupported ClickHouse type '" + text + "'; expected String,"
                    + " Int8..Int64, UInt8..UInt64, Float32, Float64, Decimal(P, S), Date or DateTime, each optionally"
                    + " Nullable(...)");
        };
    }

    /**
     * Writes {@code value} (not null) as this type's JSONEachRow value.
     *
     * @throws IllegalArgumentException naming what was expected when the value does not fit
     */
    public void write(JsonNode value, JsonGenerator out) throws IOException {
        switch (kind) {
            case STRING -> out.writeString(value.isValueNode() ? value.asText() : value.toString());
            case SIGNED, UNSIGNED -> out.writeNumber(integer(value));
            case FLOAT -> out.writeNumber(value.isNumber() ? value.doubleValue() : Double.parseDouble(text(value)));
            case DECIMAL -> out.writeNumber(value.isNumber() ? value.decimalValue() : new BigDecimal(text(value)));
            case DATE -> out.writeString(LocalDate.parse(text(value)).toString());
            case DATE_TIME -> out.writeNumber(epochSeconds(value));
        }
    }

    private BigInteger integer(JsonNode value) {
        BigInteger number;
        if (value.isBoolean()) {
            number = value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        } else if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else if (value.isNumber()) {
            throw new IllegalArgumentException("expected an integer, got " + value);
        } else {
            number = new BigInteger(text(value).trim());
        }
        BigInteger min = kind == Kind.UNSIGNED ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = kind == Kind.UNSIGNED ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            throw new IllegalArgumentException(number + " is out of the range of " + sql);
        }
        return number;
    }

    /** Epoch milliseconds (a number) or ISO-8601 / {@code yyyy-MM-dd HH:mm:ss} UTC text, as epoch seconds. */
    private static long epochSeconds(JsonNode value) {
        long seconds;
        if (value.isIntegralNumber()) {
            seconds = Math.floorDiv(value.longValue(), 1000);
        } else {
            String text = text(value).trim();
            try {
                seconds = OffsetDateTime.parse(text).toEpochSecond();
            } catch (DateTimeParseException notOffset) {
                try {
                    seconds = Instant.parse(text).getEpochSecond();
                } catch (DateTimeParseException notInstant) {
                    seconds = LocalDateTime.parse(text, SPACED).toEpochSecond(ZoneOffset.UTC);
                }
            }
        }
        if (seconds < 0 || BigInteger.valueOf(seconds).compareTo(MAX_DATE_TIME) > 0) {
            throw new IllegalArgumentException(value + " is outside the DateTime range 1970..2106");
        }
        return seconds;
    }

    private static String text(JsonNode value) {
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("expected a scalar, got "
                                               + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText();
    }
}
