package io.danube.camel.client;

import io.danube.client.DanubeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Clients shared by the producers and consumers of one component: one per distinct {@link DanubeClientSettings},
 * created by the first {@link #acquire} and closed when the last holder {@link #release}s it.
 */
public final class DanubeClientPool {

    private static final Logger LOG = LoggerFactory.getLogger(DanubeClientPool.class);

    private final Map<DanubeClientSettings, SharedClient> shared = new HashMap<>();

    private static final class SharedClient {
        private final DanubeClient client;
        private int holders;

        private SharedClient(DanubeClient client) {
            this.client = client;
        }
    }

    /** The shared client for {@code settings}, created on first use. Pair every call with {@link #release}. */
    public synchronized DanubeClient acquire(DanubeClientSettings settings) {
        SharedClient entry = shared.get(settings);
        if (entry == null) {
            entry = new SharedClient(settings.newClient());
            shared.put(settings, entry);
            LOG.debug("Created Danube client for {}", settings);
        }
        entry.holders++;
        return entry.client;
    }

    /** Gives back a client obtained from {@link #acquire}; the last holder closes it. */
    public void release(DanubeClientSettings settings) {
        DanubeClient toClose = null;
        synchronized (this) {
            SharedClient entry = shared.get(settings);
            if (entry == null) {
                throw new IllegalStateException("No Danube client is held for " + settings);
            }
            entry.holders--;
            if (entry.holders == 0) {
                shared.remove(settings);
                toClose = entry.client;
            }
        }
        if (toClose != null) {
            LOG.debug("Closing Danube client for {}", settings);
            toClose.close();
        }
    }

    /** Number of open clients. */
    public synchronized int size() {
        return shared.size();
    }

    /** Closes every client regardless of holders; used when the component stops. */
    public void closeAll() {
        Map<DanubeClientSettings, SharedClient> open;
        synchronized (this) {
            open = new HashMap<>(shared);
            shared.clear();
        }
        open.values().forEach(entry -> entry.client.close());
    }
}
