package io.danube.connect.mqtt.session;

import io.danube.client.retry.Backoff;
import io.danube.connect.mqtt.config.ConnectionSettings;
import io.danube.connect.mqtt.routing.RouteTable;
import io.danube.connect.observability.ComponentHealth;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connector's MQTT session: one Paho client with manual acknowledgements, clean start off and a session expiry by
 * default (so a restarted connector with the same client id receives what was queued meanwhile), every connect and
 * reconnect retried with danube-client's {@link Backoff} on a scheduler the caller owns, and every route filter
 * re-subscribed after a reconnect. Acknowledgements go through an {@link AckSequencer}.
 *
 * <p>Reconnecting is ours, not Paho's automatic reconnect (nor the {@code paho-mqtt5} endpoint's
 * {@code automaticReconnect}, which is the same thing), and every attempt runs on a fresh Paho client underneath
 * ({@link SessionClient#connectAnew}): Paho 1.2.5 can send CONNECT twice on one connection after an attempt failed
 * (eclipse-paho/paho.mqtt.java#1099), Mosquitto closes it as a protocol error and drops the persistent session, and
 * every message queued for it is gone. Across ten Mosquitto restarts a second apart, a plain Paho subscriber with
 * automatic reconnect lost 11 572 of 20 000 messages this way. A reconnect that finds no session on the broker
 * although one was asked for is logged and counted ({@code mqtt_sessions_lost_total}).
 */
public final class MqttSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    private final ConnectionSettings settings;
    private final RouteTable routes;
    private volatile SessionClient client;
    /** Which client's events count: a replaced client's late callbacks are ignored. */
    private volatile long generation;
    private final AckSequencer acks;
    private final MqttConnectionOptions options;
    private final Backoff connectBackoff;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong sessionsLost = new AtomicLong();
    private volatile ScheduledExecutorService scheduler;
    private volatile Runnable handOver;
    /** Whether this session's client id connected before: later connects are reconnects. */
    private volatile boolean everConnected;
    /** The generation of the client last handed to the route (whose consumer then subscribes every route). */
    private volatile long handedOver = -1;
    private volatile boolean connected;
    private volatile boolean connectAttempted;
    /** {@link System#nanoTime()} when an established connection was lost; 0 while connected or never connected. */
    private volatile long lostSince;
    private final AtomicLong replacedClients = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastProblem = "not connected yet";
    private volatile String refusedSubscription;
    /** Route filters sent since the last (re)connect whose SUBACK has not come back yet. */
    private final AtomicInteger unconfirmedSubscriptions = new AtomicInteger();

    /**
     * Fails with a {@code ConfigException} when the TLS files cannot be used.
     *
     * @param receiveMaximum the MQTT 5 receive maximum to ask for: at most as many QoS 1 messages as the Danube
     *                       side can take without blocking, so back-pressure reaches the broker, not a Paho thread
     */
    public MqttSession(ConnectionSettings settings, RouteTable routes, int receiveMaximum) {
        this.settings = settings;
        this.routes = routes;
        this.client = newClient();
        this.acks = new AckSequencer(this::acknowledge);
        this.options = connectionOptions(receiveMaximum);
        this.connectBackoff = new Backoff(FIRST_RETRY, settings.reconnectMaxDelay());
    }

    private SessionClient newClient() {
        try {
            return new SessionClient(settings.serverUri(), settings.clientId(), new Listener(generation),
                    this::subscribeAll);
        } catch (MqttException e) {
            throw new IllegalArgumentException("Cannot create an MQTT client for " + settings.serverUri() + ": "
                                               + e.getMessage(), e);
        }
    }

    /** Whether an established connection has been lost for longer than {@code bound}. */
    public boolean lostLongerThan(Duration bound) {
        long since = lostSince;
        return since != 0 && System.nanoTime() - since > bound.toNanos();
    }

    /**
     * Closes the client (and with it a reconnect that keeps failing, for instance because Paho's sender or callback
     * thread did not restart) and creates a new one; the caller connects it with {@link #connectInBackground} and
     * hands it to the route again.
     */
    public void replaceClient() {
        SessionClient old = client;
        generation++;
        old.closing();
        try {
            old.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            LOG.debug("Forced disconnect of the replaced MQTT client failed: {}", e.getMessage());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the replaced MQTT client failed: {}", e.getMessage());
        }
        acks.connectionLost();
        connected = false;
        lostSince = 0;
        replacedClients.incrementAndGet();
        client = newClient();
    }

    /** Clients replaced by the watchdog. */
    public long replacedClients() {
        return replacedClients.get();
    }

    /** The client to hand to Camel's {@code paho-mqtt5} endpoint. */
    public MqttClient client() {
        return client;
    }

    public AckSequencer acks() {
        return acks;
    }

    public boolean isConnected() {
        return connected && client.isConnected();
    }

    /** Whether the first connect attempt finished (succeeded or failed). */
    public boolean connectAttempted() {
        return connectAttempted;
    }

    /** Reconnections after the first connect. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Reconnects that found no session on the broker although one was asked for (clean start off). */
    public long sessionsLost() {
        return sessionsLost.get();
    }

    /** Health of the MQTT side: degraded while disconnected. */
    public ComponentHealth health() {
        if (!isConnected()) {
            return ComponentHealth.degraded("disconnected from " + settings.serverUri() + ": " + lastProblem);
        }
        if (refusedSubscription != null) {
            return ComponentHealth.degraded(refusedSubscription);
        }
        int unconfirmed = unconfirmedSubscriptions.get();
        if (unconfirmed > 0) {
            return ComponentHealth.degraded(connection() + ", waiting for the broker to confirm " + unconfirmed
                                            + " subscription(s)");
        }
        return ComponentHealth.healthy(connection() + ", " + acks.pending() + " message(s) awaiting Danube");
    }

    private String connection() {
        return "connected to " + settings.serverUri() + " as " + settings.clientId();
    }

    /**
     * Connects on {@code scheduler}, retrying with backoff (from 500 ms, doubling up to
     * {@code reconnect_max_delay_secs}) until it succeeds, then runs {@code onConnected} there (once per client: later
     * reconnects subscribe every route again themselves); gives up silently once the session is closed, its client
     * replaced or the scheduler shut down.
     */
    public void connectInBackground(ScheduledExecutorService scheduler, Runnable onConnected) {
        this.scheduler = scheduler;
        this.handOver = onConnected;
        long of = generation;
        scheduler.execute(() -> connect(of, 0));
    }

    private void connect(long of, int failures) {
        if (closed || of != generation) {
            return;
        }
        boolean sessionPresent;
        SessionClient current = client;
        current.holdDeliveries();
        try {
            sessionPresent = connectWithinTimeout(current);
        } catch (MqttException e) {
            current.releaseDeliveries();
            connectAttempted = true;
            lastProblem = e.getMessage() + " (reason " + e.getReasonCode() + ")"
                          + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
            long delay = connectBackoff.delayMillis(failures);
            LOG.warn("Cannot connect to MQTT broker {} as {}: {}; retrying in {} ms", settings.serverUri(),
                    settings.clientId(), lastProblem, delay);
            schedule(() -> connect(of, failures + 1), delay);
            return;
        }
        acks.connected(sessionPresent);
        current.releaseDeliveries();
        connectionUp(of, sessionPresent);
    }

    /** Health, counters and subscriptions of a connection just made by the client of generation {@code of}. */
    private void connectionUp(long of, boolean sessionPresent) {
        // not healthy until the broker confirmed every subscription, which is issued after this
        unconfirmedSubscriptions.set(routes.subscriptions().size());
        connected = true;
        lostSince = 0;
        connectAttempted = true;
        if (everConnected) {
            reconnected(sessionPresent);
        } else {
            LOG.info("Connected to MQTT broker {} as {} (clean start {}, session expiry {} s, session present {})",
                    settings.serverUri(), settings.clientId(), settings.cleanStart(),
                    settings.sessionExpiry().toSeconds(), sessionPresent);
        }
        everConnected = true;
        if (handedOver == of) {
            subscribeAll();
        } else {
            handedOver = of;
            handOver.run();
        }
    }

    /**
     * Connects and waits at most {@code connection_timeout_secs} for the CONNACK: Paho's connection timeout bounds
     * only the TCP connect, so a broker that accepts the socket and never answers would otherwise hold this thread,
     * and the watchdog that shares it, until the keep-alive gives up. The next attempt discards this one's client.
     */
    private boolean connectWithinTimeout(SessionClient current) throws MqttException {
        IMqttToken token = current.connectAnew(options);
        token.waitForCompletion(settings.connectionTimeout().toMillis());
        return token.getSessionPresent();
    }

    private void reconnected(boolean sessionPresent) {
        reconnects.incrementAndGet();
        if (!sessionPresent && !settings.cleanStart() && settings.sessionExpiry().toSeconds() > 0) {
            sessionsLost.incrementAndGet();
            LOG.warn("Reconnected to MQTT broker {} as {}, but the broker had no session for it: messages published"
                     + " to its filters while it was disconnected were not kept by the broker", settings.serverUri(),
                    settings.clientId());
        }
        LOG.info("Reconnected to MQTT broker {} as {} (session present {}); subscribing {} filter(s) again",
                settings.serverUri(), settings.clientId(), sessionPresent, routes.subscriptions().size());
    }

    private void schedule(Runnable attempt, long delayMillis) {
        try {
            scheduler.schedule(attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not connecting to MQTT broker {} again: the connector is stopping", settings.serverUri());
        }
    }

    /**
     * Subscribes every distinct route filter, one SUBSCRIBE each so that each carries its own subscription identifier;
     * returns the token of the last one (the broker handles them in order).
     */
    private IMqttToken subscribeAll() {
        IMqttToken last = null;
        unconfirmedSubscriptions.set(routes.subscriptions().size());
        for (RouteTable.Subscription subscription : routes.subscriptions()) {
            MqttSubscription mqtt = new MqttSubscription(subscription.filter(), subscription.qos());
            mqtt.setRetainHandling(1);
            MqttProperties properties = new MqttProperties();
            properties.setSubscriptionIdentifier(subscription.id());
            try {
                last = client.async().subscribe(new MqttSubscription[] {mqtt}, null,
                        new SubscribeOutcome(subscription.filter()), properties);
            } catch (MqttException e) {
                LOG.warn("Subscribing to {} failed: {}", subscription.filter(), e.getMessage());
                lastProblem = "subscribe " + subscription.filter() + " failed: " + e.getMessage();
            }
        }
        if (last == null) {
            throw new IllegalStateException("No MQTT subscription could be sent: " + lastProblem);
        }
        return last;
    }

    private MqttConnectionOptions connectionOptions(int receiveMaximum) {
        MqttConnectionOptions connect = new MqttConnectionOptions();
        connect.setCleanStart(settings.cleanStart());
        connect.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        connect.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        connect.setConnectionTimeout((int) settings.connectionTimeout().toSeconds());
        connect.setAutomaticReconnect(false);
        connect.setReceiveMaximum(receiveMaximum);
        if (settings.maxPacketSize() != null) {
            connect.setMaximumPacketSize(settings.maxPacketSize().longValue());
        }
        if (settings.username() != null) {
            connect.setUserName(settings.username());
            if (settings.password() != null) {
                connect.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (settings.usesTls()) {
            connect.setSocketFactory(settings.tls().sslContext().getSocketFactory());
            connect.setHttpsHostnameVerificationEnabled(true);
        }
        return connect;
    }

    private void acknowledge(int messageId, int qos) {
        try {
            client.messageArrivedComplete(messageId, qos);
        } catch (MqttException e) {
            LOG.debug("Acknowledging MQTT message {} failed ({}); the broker will redeliver it", messageId,
                    e.getMessage());
        }
    }

    /** Stops handing messages to the route; undelivered ones stay unacknowledged for the next session. */
    public void stopDelivering() {
        closed = true;
        client.closing();
    }

    @Override
    public void close() {
        stopDelivering();
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect failed: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT client failed: {}", e.getMessage());
        }
    }

    private final class Listener implements SessionListener {

        private final long of;

        Listener(long generation) {
            this.of = generation;
        }

        @Override
        public void disconnected(String reason) {
            if (of != generation) {
                return;
            }
            connected = false;
            lostSince = System.nanoTime();
            acks.connectionLost();
            lastProblem = reason;
            if (!closed) {
                LOG.warn("Disconnected from MQTT broker {}: {}; reconnecting with backoff", settings.serverUri(),
                        reason);
                schedule(() -> connect(of, 0), connectBackoff.delayMillis(0));
            }
        }

        @Override
        public void error(String problem) {
            LOG.warn("MQTT client error: {}", problem);
        }
    }

    private final class SubscribeOutcome implements MqttActionListener {
        private final String filter;

        SubscribeOutcome(String filter) {
            this.filter = filter;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            unconfirmedSubscriptions.decrementAndGet();
            int[] codes = token.getReasonCodes();
            List<Integer> refused = new ArrayList<>();
            if (codes != null) {
                for (int code : codes) {
                    if (code >= 0x80) {
                        refused.add(code);
                    }
                }
            }
            if (refused.isEmpty()) {
                LOG.debug("Subscribed to {}", filter);
            } else {
                refusedSubscription = "the broker refused the subscription to " + filter + " (reason " + refused
                                      + ")";
                LOG.error("The MQTT broker refused the subscription to {} (reason codes {})", filter, refused);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            lastProblem = "subscribe " + filter + " failed: " + error.getMessage();
            LOG.warn("Subscribing to {} failed: {}", filter, error.getMessage());
        }
    }
}
