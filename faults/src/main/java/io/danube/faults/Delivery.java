package io.danube.faults;

import java.util.Locale;

/** The JDBC sink's delivery mode under test (its per-route {@code delivery} key). */
enum Delivery {
    AT_LEAST_ONCE,
    EFFECTIVELY_ONCE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Delivery parse(String text) {
        for (Delivery delivery : values()) {
            if (delivery.label().equals(text)) {
                return delivery;
            }
        }
        throw new IllegalArgumentException("unknown delivery '" + text + "'; known: at_least_once, effectively_once");
    }
}
