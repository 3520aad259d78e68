package io.danube.connect.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/** Words for config values in error messages, so a newcomer reads "expected an integer", never a Java type name. */
final class ConfigValues {

    private static final Set<Class<?>> INTEGERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(Double.class, double.class, Float.class, float.class,
            BigDecimal.class);

    private ConfigValues() {
    }

    /** The value as written: strings in double quotes, tables and arrays by their kind. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        if (value.isObject()) {
            return "a table";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.toString();
    }

    /** "expected an integer, got "eighteen"": what a section field expects against the value it was given. */
    static String mismatch(JsonMappingException e, JsonNode value) {
        String expected = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? expected(mismatch.getTargetType()) : "another kind of value";
        return "expected " + expected + ", got " + describe(value);
    }

    private static String expected(Class<?> type) {
        if (INTEGERS.contains(type)) {
            return "an integer";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a table";
    }
}
