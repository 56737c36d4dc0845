package org.pkttables.io.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
