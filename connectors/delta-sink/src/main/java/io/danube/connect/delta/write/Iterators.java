package io.danube.connect.delta.write;

import io.delta.kernel.utils.CloseableIterator;

import java.util.Iterator;
import java.util.List;

/** Kernel's {@link CloseableIterator} over an in-memory list (Kernel's own helper for this is internal). */
final class Iterators {

    private Iterators() {
    }

    static <T> CloseableIterator<T> of(List<T> items) {
        Iterator<T> iterator = items.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public T next() {
                return iterator.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
