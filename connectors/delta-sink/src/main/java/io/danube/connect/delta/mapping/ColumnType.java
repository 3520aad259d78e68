package io.danube.connect.delta.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampType;
import io.danube.connect.config.ConfigException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Delta type of a column and how a JSON value becomes a value of it. Accepts Delta's type names
 * ({@code string}, {@code long}, {@code integer}, {@code short}, {@code byte}, {@code double}, {@code float},
 * {@code boolean}, {@code binary}, {@code date}, {@code timestamp}, {@code decimal(P,S)}) and the Arrow names of the
 * Rust connector's configs ({@code Utf8}, {@code Int8}…{@code Int64}, {@code UInt8}…{@code UInt64} widened to the next
 * signed type, {@code Float32}, {@code Float64}, {@code Boolean}, {@code Binary}, {@code Date32}, {@code Timestamp}).
 *
 * <p>Values in memory: String, Long, Integer, Short, Byte, Double, Float, Boolean, byte[], BigDecimal; a date is an
 * Integer (days since the epoch), a timestamp a Long (microseconds since the epoch, UTC).
 */
public record ColumnType(DataType deltaType) {

    private static final Pattern DECIMAL = Pattern.compile("decimal(?:128)?\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    public static ColumnType parse(String key, String text) {
        String name = ConfigException.requireText(key, text).trim().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(name);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > 38 || scale > precision) {
                throw new ConfigException(key, "decimal precision must be 1..38 and scale at most the precision, got '"
                                               + text + "'");
            }
            return new ColumnType(new DecimalType(precision, scale));
        }
        DataType type = switch (name) {
            case "string", "utf8", "largeutf8" -> StringType.STRING;
            case "long", "bigint", "int64", "uint32", "uint64" -> LongType.LONG;
            case "integer", "int", "int32", "uint16" -> IntegerType.INTEGER;
            case "short", "smallint", "int16", "uint8" -> ShortType.SHORT;
            case "byte", "tinyint", "int8" -> ByteType.BYTE;
            case "double", "float64" -> DoubleType.DOUBLE;
            case "float", "float32" -> FloatType.FLOAT;
            case "boolean", "bool" -> BooleanType.BOOLEAN;
            case "binary" -> BinaryType.BINARY;
            case "date", "date32" -> DateType.DATE;
            case "timestamp" -> TimestampType.TIMESTAMP;
            default -> throw new ConfigException(key, "unknown type '" + text + "'; expected string, long, integer,"
                    + " short, byte, double, float, boolean, binary, date, timestamp, decimal(P,S) or an Arrow name"
                    + " (Utf8, Int64, Float64, Timestamp, ...)");
        };
        return new ColumnType(type);
    }

    /** The Delta type name, as the table schema prints it. */
    public String name() {
        return deltaType.toString();
    }

    /**
     * {@code value} (never null or JSON null) as this type's in-memory value.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public Object convert(JsonNode value) {
        if (deltaType instanceof StringType) {
            return value.isTextual() ? value.textValue() : value.toString();
        }
        if (deltaType instanceof LongType) {
            return integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (deltaType instanceof IntegerType) {
            return (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (deltaType instanceof ShortType) {
            return (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (deltaType instanceof ByteType) {
            return (byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (deltaType instanceof DoubleType) {
            return floating(value);
        }
        if (deltaType instanceof FloatType) {
            return (float) floating(value);
        }
        if (deltaType instanceof BooleanType) {
            return bool(value);
        }
        if (deltaType instanceof BinaryType) {
            return binary(value);
        }
        if (deltaType instanceof DateType) {
            return date(value);
        }
        if (deltaType instanceof TimestampType) {
            return timestamp(value);
        }
        if (deltaType instanceof DecimalType decimal) {
            return decimal(value, decimal);
        }
        throw new IllegalStateException("Unsupported column type " + deltaType);
    }

    /** {@code value} (an in-memory value of this type, or null) as a partition value. */
    public Literal literal(Object value) {
        if (value == null) {
            return Literal.ofNull(deltaType);
        }
        if (deltaType instanceof StringType) {
            return Literal.ofString((String) value);
        }
        if (deltaType instanceof LongType) {
            return Literal.ofLong((Long) value);
        }
        if (deltaType instanceof IntegerType) {
            return Literal.ofInt((Integer) value);
        }
        if (deltaType instanceof ShortType) {
            return Literal.ofShort((Short) value);
        }
        if (deltaType instanceof ByteType) {
            return Literal.ofByte((Byte) value);
        }
        if (deltaType instanceof DoubleType) {
            return Literal.ofDouble((Double) value);
        }
        if (deltaType instanceof FloatType) {
            return Literal.ofFloat((Float) value);
        }
        if (deltaType instanceof BooleanType) {
            return Literal.ofBoolean((Boolean) value);
        }
        if (deltaType instanceof BinaryType) {
            return Literal.ofBinary((byte[]) value);
        }
        if (deltaType instanceof DateType) {
            return Literal.ofDate((Integer) value);
        }
        if (deltaType instanceof TimestampType) {
            return Literal.ofTimestamp((Long) value);
        }
        DecimalType decimal = (DecimalType) deltaType;
        return Literal.ofDecimal((BigDecimal) value, decimal.getPrecision(), decimal.getScale());
    }

    private static long integral(JsonNode value, long min, long max) {
        BigInteger number;
        if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else if (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0) {
            number = value.decimalValue().toBigIntegerExact();
        } else if (value.isTextual() && value.textValue().trim().matches("[-+]?\\d+")) {
            number = new BigInteger(value.textValue().trim());
        } else {
            throw new IllegalArgumentException("expected an integer, got " + value);
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(number + " is out of range [" + min + ", " + max + "]");
        }
        return number.longValue();
    }

    private static double floating(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("expected a number, got " + value);
    }

    private static boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true")
                                  || value.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue());
        }
        throw new IllegalArgumentException("expected a boolean, got " + value);
    }

    private static byte[] binary(JsonNode value) {
        if (value.isTextual()) {
            try {
                return Base64.getDecoder().decode(value.textValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected base64 text, got " + value);
            }
        }
        throw new IllegalArgumentException("expected base64 text, got " + value);
    }

    private static int date(JsonNode value) {
        if (value.isTextual()) {
            try {
                return (int) LocalDate.parse(value.textValue().trim()).toEpochDay();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a date yyyy-MM-dd, got " + value);
            }
        }
        throw new IllegalArgumentException("expected a date yyyy-MM-dd, got " + value);
    }

    private static long timestamp(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Math.multiplyExact(value.longValue(), 1000L);
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            Instant instant;
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                try {
                    instant = LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected an ISO-8601 timestamp or epoch milliseconds, got "
                                                       + value);
                }
            }
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        }
        throw new IllegalArgumentException("expected an ISO-8601 timestamp or epoch milliseconds, got " + value);
    }

    private static BigDecimal decimal(JsonNode value, DecimalType type) {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a decimal number, got " + value);
            }
        } else {
            throw new IllegalArgumentException("expected a decimal number, got " + value);
        }
        BigDecimal scaled;
        try {
            scaled = number.setScale(type.getScale());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(number + " has more than " + type.getScale() + " decimal places");
        }
        if (scaled.precision() > type.getPrecision()) {
            throw new IllegalArgumentException(number + " does not fit " + type);
        }
        return scaled;
    }
}
