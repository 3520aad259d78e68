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

    private final Map<DanubeClientSettings, Lease> leases = new HashMap<>();

    private static final class Lease {
        private final DanubeClient client;
        private int holders;

        private Lease(DanubeClient client) {
            this.client = client;
        }
    }

    /** The shared client for {@code settings}, created on first use. Pair every call with {@link #release}. */
    public synchronized DanubeClient acquire(DanubeClientSettings settings) {
        Lease lease = leases.get(settings);
        if (lease == null) {
            lease = new Lease(settings.newClient());
            leases.put(settings, lease);
            LOG.debug("Created Danube client for {}", settings);
        }
        lease.holders++;
        return lease.client;
    }

    /** Gives back a client obtained from {@link #acquire}; the last holder closes it. */
    public void release(DanubeClientSettings settings) {
        DanubeClient toClose = null;
        synchronized (this) {
            Lease lease = leases.get(settings);
            if (lease == null) {
                throw new IllegalStateException("No Danube client is held for " + settings);
            }
            lease.holders--;
            if (lease.holders == 0) {
                leases.remove(settings);
                toClose = lease.client;
            }
        }
        if (toClose != null) {
            LOG.debug("Closing Danube client for {}", settings);
            toClose.close();
        }
    }

    /** Number of open clients. */
    public synchronized int size() {
        return leases.size();
    }

    /** Closes every client regardless of holders; used when the component stops. */
    public void closeAll() {
        Map<DanubeClientSettings, Lease> open;
        synchronized (this) {
            open = new HashMap<>(leases);
            leases.clear();
        }
        open.values().forEach(lease -> lease.client.close());
    }
}
