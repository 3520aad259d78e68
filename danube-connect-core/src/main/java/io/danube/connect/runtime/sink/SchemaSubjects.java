package io.danube.connect.runtime.sink;

import io.danube.client.DanubeClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the registry subject of a schema id, for the {@code expected_schema_subject} check, with a bounded
 * least-recently-used cache (the Rust SDK's cache was never evicted). The client is created on first use.
 */
final class SchemaSubjects implements AutoCloseable {

    private static final int CAPACITY = 1024;

    private final String serviceUrl;
    private final Map<Long, String> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > CAPACITY;
        }
    };
    private DanubeClient client;

    SchemaSubjects(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    synchronized String subjectOf(long schemaId) {
        String subject = cache.get(schemaId);
        if (subject == null) {
            if (client == null) {
                client = DanubeClient.builder().serviceUrl(serviceUrl).build();
            }
            subject = client.schemaRegistry().getSchema(schemaId).subject();
            cache.put(schemaId, subject);
        }
        return subject;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
