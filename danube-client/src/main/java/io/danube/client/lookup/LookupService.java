package io.danube.client.lookup;

import io.danube.client.connection.BrokerAddress;
import io.danube.client.connection.ConnectionPool;
import io.danube.client.error.DanubeClientException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.retry.BlockingRetry;
import io.danube.proto.TopicLookupRequest;
import io.danube.proto.TopicLookupResponse;
import io.danube.proto.TopicPartitionsResponse;
import io.grpc.StatusRuntimeException;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Topic discovery: which broker serves a topic, and which partitions a topic name has. */
public final class LookupService {

    private final ConnectionPool pool;
    private final BrokerAddress serviceAddress;
    private final BlockingRetry retry;
    private final AtomicLong requestIds = new AtomicLong();

    public LookupService(ConnectionPool pool, BrokerAddress serviceAddress, BlockingRetry retry) {
        this.pool = pool;
        this.serviceAddress = serviceAddress;
        this.retry = retry;
    }

    public BrokerAddress serviceAddress() {
        return serviceAddress;
    }

    /**
     * Asks {@code current} which broker serves {@code topic}. Redirect and Connect are treated alike: the answer's
     * connect URL, broker URL and proxy flag become the new address.
     *
     * @throws DanubeRpcException    with the broker's status (NOT_FOUND for a topic that does not exist yet)
     * @throws DanubeClientException when the broker answers Failed or an unknown lookup type
     */
    public BrokerAddress lookup(String topic, BrokerAddress current) {
        TopicLookupResponse response;
        try {
            response = pool.connection(current).discovery().topicLookup(request(topic));
        } catch (StatusRuntimeException e) {
            throw new DanubeRpcException("TopicLookup", e.getStatus(), topic, null);
        }
        switch (response.getResponseType()) {
            case Redirect:
            case Connect:
                return new BrokerAddress(response.getConnectUrl(), response.getBrokerUrl(), response.getProxy());
            case Failed:
                throw new DanubeClientException("broker reported lookup failure for topic " + topic);
            default:
                throw new DanubeClientException("unknown lookup response type " + response.getResponseTypeValue()
                        + " for topic " + topic);
        }
    }

    /**
     * The partition topics of {@code topic}: {@code [topic]} for a plain topic, {@code []} when unknown. Transient
     * failures are retried under the client's retry policy.
     */
    public List<String> partitions(String topic) {
        TopicPartitionsResponse response = retry.call("TopicPartitions", topic, null,
                () -> pool.connection(serviceAddress).discovery().topicPartitions(request(topic)));
        return List.copyOf(response.getPartitionsList());
    }

    private TopicLookupRequest request(String topic) {
        return TopicLookupRequest.newBuilder().setRequestId(requestIds.getAndIncrement()).setTopic(topic).build();
    }
}
