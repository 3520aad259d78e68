package io.danube.connect.mqtt.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes in file order. A message goes to the first route whose filter matches its topic. Each distinct filter is
 * subscribed once, with an MQTT 5 subscription identifier, so a copy the broker delivers for an overlapping
 * subscription that is not the winning route's can be recognised as a duplicate. Identifiers derive from the filter
 * text, so they stay the same across restarts and differ from those of filters a persistent session still holds from
 * an older configuration.
 */
public final class RouteTable {

    private static final int MAX_SUBSCRIPTION_ID = 268_435_455;

    private final List<Route> routes;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    public RouteTable(List<Route> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("at least one route is required");
        }
        this.routes = List.copyOf(routes);
        Set<Integer> used = new HashSet<>();
        for (Route route : routes) {
            subscriptions.computeIfAbsent(route.filter().subscription(),
                    filter -> new Subscription(filter, route.subscribeQos(), identifierFor(filter, used)));
        }
    }

    private static int identifierFor(String filter, Set<Integer> used) {
        int id = Math.floorMod(filter.hashCode(), MAX_SUBSCRIPTION_ID) + 1;
        while (!used.add(id)) {
            id = id % MAX_SUBSCRIPTION_ID + 1;
        }
        return id;
    }

    public List<Route> routes() {
        return routes;
    }

    /** One entry per distinct filter, with the QoS of its first route and its subscription identifier. */
    public List<Subscription> subscriptions() {
        return new ArrayList<>(subscriptions.values());
    }

    /** The first route whose filter matches {@code topic}. */
    public Optional<Route> match(String topic) {
        for (Route route : routes) {
            if (route.filter().matches(topic)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** The subscription identifier the broker puts on copies delivered for {@code route}'s filter. */
    public int subscriptionId(Route route) {
        return subscriptions.get(route.filter().subscription()).id();
    }

    /** Routes that can never win because an earlier route has the same filter. */
    public List<Route> shadowedRoutes() {
        List<Route> shadowed = new ArrayList<>();
        Map<String, Route> first = new LinkedHashMap<>();
        for (Route route : routes) {
            if (first.putIfAbsent(route.filter().subscription(), route) != null) {
                shadowed.add(route);
            }
        }
        return shadowed;
    }

    /** A filter as subscribed: the QoS and the MQTT 5 subscription identifier. */
    public record Subscription(String filter, int qos, int id) {
    }
}
