package org.pkttables.io.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BridgeSettingsTest {
    @Test
    void portsAreACommaList() {
        assertEquals(List.of("eth0", "eth1", "veth-x"), BridgeSettings.parsePorts(" eth0, eth1 ,veth-x"));
        assertEquals(List.of(), BridgeSettings.parsePorts(" "));
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BridgeSettings(List.of("eth0"), 2, 300))
                .getMessage().contains("two or more ports"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BridgeSettings(List.of("eth0", "eth0"), 2, 300)).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BridgeSettings(List.of("eth0", "a b"), 2, 300)).getMessage().contains("`a b'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BridgeSettings(List.of("eth0", "eth1"), 0, 300)).getMessage().contains("workers"));
    }

    @Test
    void theCallSwitchesDefaultOnAndChangeWithoutReattaching() {
        BridgeSettings on = new BridgeSettings(List.of("eth0", "eth1"), 2, 300);
        assertTrue(on.callIptables() && on.callIp6tables() && on.callArptables());
        BridgeSettings noArp = new BridgeSettings(List.of("eth0", "eth1"), 2, 300, true, true, false);
        assertTrue(on.sameAttachment(noArp), "only a switch changed: the running bridge takes it");
        assertFalse(on.sameAttachment(new BridgeSettings(List.of("eth0", "eth2"), 2, 300)));
        assertFalse(on.sameAttachment(new BridgeSettings(List.of("eth0", "eth1"), 3, 300)));
        assertTrue(Bridge.families(on).contains("ARP also through the arp family's FORWARD"));
        assertFalse(Bridge.families(noArp).contains("ARP"), Bridge.families(noArp));
    }
}
