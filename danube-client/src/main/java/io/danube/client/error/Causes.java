package io.danube.client.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The cause chain of a failure, for the places that classify a failure by what is inside it. */
public final class Causes {

    private Causes() {
    }

    /** {@code error} and its causes, outermost first; a cause seen before (a cycle) ends the chain. */
    public static List<Throwable> of(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /** The outermost cause in the chain of {@code error} that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        return of(error).stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
