package io.danube.connect.clickhouse.http;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request ClickHouse answered with an error: the HTTP status, the server's error code (from the
 * {@code X-ClickHouse-Exception-Code} header of newer servers, else the {@code Code: N} of the body, as 18.16 writes
 * it; 0 if neither) and its message. ClickHouse answers data errors with 400 or 500 depending on the version, so the
 * code, not the status, says whether the rows are at fault.
 */
public record ServerError(int status, int code, String message) {

    /** Errors caused by the rows themselves: parsing, types, ranges, NULLs, constraints. */
    private static final Set<Integer> DATA_ERRORS = Set.of(
            6,    // CANNOT_PARSE_TEXT
            25,   // CANNOT_PARSE_ESCAPE_SEQUENCE
            26,   // CANNOT_PARSE_QUOTED_STRING
            27,   // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            32,   // ATTEMPT_TO_READ_AFTER_EOF
            33,   // CANNOT_READ_ALL_DATA
            38,   // CANNOT_PARSE_DATE
            41,   // CANNOT_PARSE_DATETIME
            53,   // TYPE_MISMATCH
            69,   // ARGUMENT_OUT_OF_BOUND
            70,   // CANNOT_CONVERT_TYPE
            72,   // CANNOT_PARSE_NUMBER
            117,  // INCORRECT_DATA (also: unknown JSONEachRow field when unknown fields are refused)
            131,  // TOO_LARGE_STRING_SIZE
            321,  // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            349,  // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            376,  // CANNOT_PARSE_UUID
            407,  // DECIMAL_OVERFLOW
            469); // VIOLATED_CONSTRAINT

    /** Too many parts: inserts come faster than merges; back off and retry. */
    public static final int TOO_MANY_PARTS = 252;

    private static final Pattern CODE = Pattern.compile("Code: (\\d+)[.,]\\s*(?:e\\.displayText\\(\\) = )?(.*)",
            Pattern.DOTALL);
    private static final Pattern WHAT = Pattern.compile("\\s*,\\s*e\\.what\\(\\) = [A-Za-z:]+\\s*$");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    /** Reads the error of a reply with {@code status} and {@code body}; {@code codeHeader} may be null. */
    public static ServerError of(int status, String codeHeader, String body) {
        String text = body == null ? "" : body.strip();
        Matcher matcher = CODE.matcher(text);
        int code = 0;
        String message = text;
        if (matcher.find()) {
            code = Integer.parseInt(matcher.group(1));
            message = WHAT.matcher(matcher.group(2).strip()).replaceFirst("");
        }
        if (codeHeader != null && !codeHeader.isBlank()) {
            code = Integer.parseInt(codeHeader.trim());
        }
        message = LINE_BREAKS.matcher(message).replaceAll(" ");
        return new ServerError(status, code, message.isEmpty() ? "HTTP " + status : message);
    }

    /** The rows are at fault: the same rows will fail again. */
    public boolean dataError() {
        return DATA_ERRORS.contains(code);
    }

    @Override
    public String toString() {
        return "ClickHouse error " + (code == 0 ? "" : "code " + code + ", ") + "HTTP " + status + ": " + message;
    }
}
