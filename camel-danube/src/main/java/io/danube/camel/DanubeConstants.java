package io.danube.camel;

import org.apache.camel.spi.Metadata;

/** Names of the message headers the {@code danube:} component reads and writes. */
public final class DanubeConstants {

    @Metadata(label = "consumer", description = "The topic the endpoint consumes (the base name of a partitioned"
                                                + " topic).", javaType = "String")
    public static final String TOPIC = "CamelDanubeTopic";
    @Metadata(description = "Consumer: the topic partition the message came from. Producer (set after the send):"
                            + " the partition the message was published to.", javaType = "String")
    public static final String PARTITION_TOPIC = "CamelDanubePartitionTopic";
    @Metadata(label = "consumer", description = "The message's wire identity, used to acknowledge it.",
              javaType = "io.danube.client.message.MessageId")
    public static final String MESSAGE_ID = "CamelDanubeMessageId";
    @Metadata(label = "consumer", description = "The message's offset in its topic (meaningful on reliable topics).",
              javaType = "long")
    public static final String OFFSET = "CamelDanubeOffset";
    @Metadata(label = "consumer", description = "Producer wall-clock time of the send, in milliseconds since the"
                                                + " epoch.", javaType = "long")
    public static final String PUBLISH_TIME = "CamelDanubePublishTime";
    @Metadata(description = "Consumer: the name of the producer that sent the message. Producer (set after the"
                            + " send): the name of the partition producer that sent it.", javaType = "String")
    public static final String PRODUCER_NAME = "CamelDanubeProducerName";
    @Metadata(description = "Consumer: the routing key the message was sent with, if any. Producer: the routing key"
                            + " to send with; selects the partition by hash and overrides the routingKey option.",
              javaType = "String")
    public static final String ROUTING_KEY = "CamelDanubeRoutingKey";
    @Metadata(label = "consumer", description = "The registry schema id stamped on the message, if any.",
              javaType = "Long")
    public static final String SCHEMA_ID = "CamelDanubeSchemaId";
    @Metadata(label = "consumer", description = "The registry schema version stamped on the message, if any.",
              javaType = "Integer")
    public static final String SCHEMA_VERSION = "CamelDanubeSchemaVersion";
    @Metadata(label = "consumer", description = "The subscription the message was received through.",
              javaType = "String")
    public static final String SUBSCRIPTION = "CamelDanubeSubscription";
    @Metadata(label = "consumer", description = "With allowManualAcknowledgement: the receipt that acknowledges or"
                                                + " negatively acknowledges the message.",
              javaType = "io.danube.camel.consumer.DanubeMessageReceipt")
    public static final String MESSAGE_RECEIPT = "CamelDanubeMessageReceipt";
    @Metadata(label = "producer", description = "Set after the send: the request id the broker confirmed.",
              javaType = "long")
    public static final String REQUEST_ID = "CamelDanubeRequestId";

    private DanubeConstants() {
    }
}
