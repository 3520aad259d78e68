package io.danube.connect.jdbc.config;

import io.danube.connect.config.ConfigException;

import java.util.Locale;

/** What a route guarantees about redelivered messages. */
public enum Delivery {
    /** A message redelivered after a crash between commit and acknowledgement is written again. */
    AT_LEAST_ONCE,
    /** Each message's Danube position is stored with its row in one transaction; redeliveries are skipped. */
    EFFECTIVELY_ONCE;

    static Delivery parse(String key, String text) {
        if (text == null) {
            return AT_LEAST_ONCE;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "at_least_once" -> AT_LEAST_ONCE;
            case "effectively_once" -> EFFECTIVELY_ONCE;
            default -> throw new ConfigException(key, "must be 'at_least_once' or 'effectively_once', got '" + text
                                                      + "'");
        };
    }
}
