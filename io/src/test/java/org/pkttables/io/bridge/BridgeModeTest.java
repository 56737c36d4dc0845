package org.pkttables.io.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.mode.ModeCommand;

/** {@code mode bridge IF1,IF2} drives the bridge component; without loaded rules it only waits (no live ports here). */
class BridgeModeTest {
    private final BridgeComponent bridge = new BridgeComponent(new Harness().with(new Ipv4Handler()).ruleset(),
            new BridgeComponent.Config() {
                @Override
                public Class<? extends Annotation> annotationType() {
                    return BridgeComponent.Config.class;
                }

                @Override
                public String[] ports() {
                    return new String[0];
                }

                @Override
                public int workers() {
                    return 0;
                }

                @Override
                public int ageing() {
                    return 300;
                }

                @Override
                public boolean call$_$iptables() {
                    return true;
                }

                @Override
                public boolean call$_$ip6tables() {
                    return true;
                }

                @Override
                public boolean call$_$arptables() {
                    return true;
                }
            });

    @Test
    void theModeCommandStartsAndStopsTheBridge() {
        ModeCommand mode = new ModeCommand(List.of(bridge));
        assertEquals("no bridge\n", mode.run(List.of(), "").out());
        assertEquals(1, mode.run(List.of("bridge", "a"), "").exit(), "a bridge needs two ports");
        assertEquals(0, mode.run(List.of("bridge", "a,b"), "").exit());
        assertEquals("bridge: a, b waiting for the rules to be loaded", bridge.status());
        assertFalse(bridge.running());
        assertEquals(0, mode.run(List.of("off"), "").exit());
        assertTrue(bridge.status().startsWith("no bridge"), bridge.status());
    }
}
