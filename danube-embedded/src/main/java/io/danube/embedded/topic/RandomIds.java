package io.danube.embedded.topic;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongPredicate;

/** Random non-zero unsigned 64-bit ids, like the real broker's producer and consumer ids. */
final class RandomIds {

    private RandomIds() {
    }

    static long next(LongPredicate taken) {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0 || taken.test(id));
        return id;
    }
}
