package org.pkttables.route.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.route.InterfaceAddress;

/** {@link org.pkttables.route.AddressListener}s hear of every address a change removes, and of nothing else. */
class AddressListenerTest {
    private final RoutingTableImpl table = new RoutingTableImpl();
    private final List<String> heard = new ArrayList<>();

    private static InterfaceAddress a(String text, String dev) throws Exception {
        String[] p = text.split("/");
        return new InterfaceAddress(dev, InetAddress.getByName(p[0]), Integer.parseInt(p[1]));
    }

    @Test
    void removalsAreToldAfterTheTableNoLongerHasTheAddress() throws Exception {
        table.addAddressListener(r -> heard.add(r + " still there: " + table.addresses().contains(r)));
        table.configure(List.of(a("10.0.1.1/24", "lan"), a("10.0.2.1/24", "wan")), List.of());
        table.addAddress(a("10.0.2.7/24", "wan"));
        assertEquals(List.of(), heard, "adding removes nothing");
        table.deleteAddress(a("10.0.2.1/24", "wan"));
        assertEquals(List.of("10.0.2.1/24 dev wan still there: false"), heard);
        // a configuration load without an address removes it
        table.configure(List.of(a("10.0.1.1/24", "lan")), List.of());
        assertEquals("10.0.2.7/24 dev wan still there: false", heard.get(1));
        assertEquals(2, heard.size());
        // a failed change tells nothing
        assertThrows(IllegalArgumentException.class, () -> table.deleteAddress(a("10.0.9.1/24", "wan")));
        assertEquals(2, heard.size());
    }
}
