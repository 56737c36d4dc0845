package org.pkttables.route.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.route.AddressListener;
import org.pkttables.api.Family;
import org.pkttables.api.ext.InetText;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.Route;
import org.pkttables.route.RoutingTable;

/**
 * The routing table service. Readers take the current {@link Snapshot} from a volatile field: no lock,
 * no allocation. Writers (rare: configuration, the shell) serialize on this object, build and validate a
 * whole new snapshot, and publish it with one volatile write, so a lookup sees the table before or after
 * a change, never half of it. Starts empty; router mode configures it from its configuration file.
 * Every {@link AddressListener} hears of each address a change removed, after the change is published.
 */
@Component(service = RoutingTable.class)
public final class RoutingTableImpl implements RoutingTable {
    private volatile Snapshot snap = Snapshot.empty();
    private final List<AddressListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addAddressListener(AddressListener l) {
        listeners.add(l);
    }

    public void removeAddressListener(AddressListener l) {
        listeners.remove(l);
    }

    @Override
    public Route lookup(Family family, byte[] buf, int offset) {
        return snap.lookup(family, buf, offset);
    }

    @Override
    public List<Route> lookupAll(Family family, byte[] buf, int offset) {
        return snap.lookupAll(family, buf, offset);
    }

    @Override
    public Route lookupVia(Family family, byte[] buf, int offset, String iface) {
        return snap.lookupVia(family, buf, offset, iface);
    }

    @Override
    public InterfaceAddress localAddress(Family family, byte[] buf, int offset) {
        return snap.localAddress(family, buf, offset);
    }

    @Override
    public InterfaceAddress sourceAddress(Family family, String iface, byte[] buf, int offset) {
        return snap.sourceAddress(family, iface, buf, offset);
    }

    @Override
    public List<InterfaceAddress> addresses() {
        return snap.addresses;
    }

    @Override
    public List<Route> routes(Family family) {
        return snap.routes(family);
    }

    /** The static routes (configured or added by hand), in the order added. */
    public List<Route> staticRoutes() {
        return snap.statics;
    }

    @Override
    public synchronized void addAddress(InterfaceAddress address) {
        Snapshot s = snap;
        List<InterfaceAddress> as = new ArrayList<>(s.addresses);
        as.add(address);
        publish(as, s.statics);
    }

    @Override
    public synchronized void deleteAddress(InterfaceAddress address) {
        Snapshot s = snap;
        List<InterfaceAddress> as = new ArrayList<>(s.addresses);
        if (!as.remove(address)) {
            throw new IllegalArgumentException("address " + address + " not found: Address not found");
        }
        // as the kernel flushes routes whose gateway is no longer on a connected network
        List<Route> keep = new ArrayList<>();
        for (Route r : s.statics) {
            try {
                List<Route> with = new ArrayList<>(keep);
                with.add(r);
                Snapshot.of(0, as, with);
                keep.add(r);
            } catch (IllegalArgumentException gone) {
                // the route's gateway went with the address: dropped, as the kernel does
            }
        }
        publish(as, keep);
    }

    @Override
    public synchronized void addRoute(Route route) {
        Route r = normalize(route);
        editRoutes(rs -> rs.add(r));
    }

    @Override
    public synchronized void replaceRoute(Route route) {
        Route r = normalize(route);
        editRoutes(rs -> {
            int at = find(rs, r);
            if (at >= 0) {
                rs.set(at, r);
            } else {
                rs.add(r);
            }
        });
    }

    @Override
    public synchronized void deleteRoute(Route route) {
        Route r = normalize(route);
        editRoutes(rs -> {
            int at = find(rs, r);
            if (at < 0) {
                throw new IllegalArgumentException("route " + InetText.format(r.destination()) + "/"
                        + r.prefixLength() + " metric " + r.metric() + " not found: No such process");
            }
            rs.remove(at);
        });
    }

    /** Publishes the static routes as {@code edit} changes a copy of them; nothing when it throws. */
    private void editRoutes(Consumer<List<Route>> edit) {
        Snapshot s = snap;
        List<Route> rs = new ArrayList<>(s.statics);
        edit.accept(rs);
        publish(s.addresses, rs);
    }

    @Override
    public synchronized void configure(List<InterfaceAddress> addresses, List<Route> staticRoutes) {
        List<Route> rs = new ArrayList<>();
        for (Route r : staticRoutes) {
            rs.add(normalize(r));
        }
        publish(addresses, rs);
    }

    @Override
    public long generation() {
        return snap.generation;
    }

    private void publish(List<InterfaceAddress> addresses, List<Route> statics) {
        Snapshot old = snap;
        snap = Snapshot.of(old.generation + 1, addresses, statics);
        for (InterfaceAddress a : old.addresses) {
            if (!addresses.contains(a)) {
                for (AddressListener l : listeners) {
                    l.addressRemoved(a);
                }
            }
        }
    }

    /** The same prefix and metric: the identity of a route for replace and delete. */
    private static int find(List<Route> rs, Route r) {
        for (int i = 0; i < rs.size(); i++) {
            Route o = rs.get(i);
            if (o.family() == r.family() && o.prefixLength() == r.prefixLength() && o.metric() == r.metric()
                    && o.destination().equals(r.destination())) {
                return i;
            }
        }
        return -1;
    }

    /** IPv6 routes added with metric 0 get 1024, as the kernel's IP6_RT_PRIO_USER. */
    static Route normalize(Route r) {
        if (r.family() == Family.IPV6 && r.metric() == 0) {
            return new Route(r.family(), r.destination(), r.prefixLength(), r.type(), r.nextHops(), 1024, r.origin());
        }
        return r;
    }
}
