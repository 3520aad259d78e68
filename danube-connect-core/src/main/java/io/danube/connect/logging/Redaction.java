package io.danube.connect.logging;

import java.util.regex.Pattern;

/**
 * Hides credentials that URLs and connection strings carry, wherever they appear in a text: the password of
 * {@code scheme://user:password@host} and the value of {@code password=}, {@code pwd=}, {@code sslpassword=},
 * {@code secret=}, {@code token=}, {@code api_key=} parameters (JDBC {@code ?…&password=…} and {@code ;password=…}
 * forms). Used for every log line ({@link LogSetup} wraps its encoders) and by code that puts a URL into an error.
 */
public final class Redaction {

    /** What a hidden credential is replaced with. */
    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:\"']+):[^/@\\s\"']+@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?<![A-Za-z0-9_])(?:password|passwd|pwd|sslpassword|secret|token|api[_-]?key)=)[^&;,\\s\"']+");

    private Redaction() {
    }

    /** {@code text} with every URL credential replaced by {@link #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.indexOf('=') < 0 && text.indexOf('@') < 0) {
            return text;
        }
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1" + MASK);
    }
}
