package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.tables.testing.ExtArgs;

class RejectTargetTypeTest {
    private final RejectTargetType v4 = new RejectTargetType();
    private final Reject6TargetType v6 = new Reject6TargetType();

    private static Args args(TargetType t, Family f, int proto, String line) {
        Args a = ExtArgs.parse(t.descriptor(), f, proto, line);
        return t.canonicalize(a);
    }

    private static int codeOf(TargetType t, Family f, int proto, String line) {
        Target target = t.compile(args(t, f, proto, line));
        PacketContext p = new PacketContext().reset(new byte[0], 0, 0);
        assertEquals(Verdict.DROP, target.apply(p));
        return p.rejectWith();
    }

    @ParameterizedTest
    @CsvSource({
        "'', ICMP_PORT_UNREACHABLE",
        "--reject-with icmp-net-unreachable, ICMP_NET_UNREACHABLE",
        "--reject-with host-unreach, ICMP_HOST_UNREACHABLE",
        "--reject-with icmp-p, ICMP_PROT_UNREACHABLE",
        "--reject-with net-prohib, ICMP_NET_PROHIBITED",
        "--reject-with icmp-host-prohibited, ICMP_HOST_PROHIBITED",
        "--reject-with admin-prohib, ICMP_ADMIN_PROHIBITED",
    })
    void ipv4Codes(String line, String constant) throws ReflectiveOperationException {
        assertEquals(RejectCodes.class.getField(constant).getInt(null), codeOf(v4, Family.IPV4, 17, line));
    }

    @ParameterizedTest
    @CsvSource({
        "'', ICMP6_PORT_UNREACH",
        "--reject-with no-route, ICMP6_NO_ROUTE",
        "--reject-with icmp6-adm-prohibited, ICMP6_ADM_PROHIBITED",
        "--reject-with addr-unreach, ICMP6_ADDR_UNREACH",
        "--reject-with policy-fail, ICMP6_POLICY_FAIL",
        "--reject-with icmp6-reject-route, ICMP6_REJECT_ROUTE",
    })
    void ipv6Codes(String line, String constant) throws ReflectiveOperationException {
        assertEquals(RejectCodes.class.getField(constant).getInt(null), codeOf(v6, Family.IPV6, 17, line));
    }

    @Test
    void codesCarryWhatToSend() {
        assertEquals(RejectCodes.KIND_ICMP, RejectCodes.kind(RejectCodes.ICMP_HOST_PROHIBITED));
        assertEquals(3, RejectCodes.icmpType(RejectCodes.ICMP_HOST_PROHIBITED));
        assertEquals(10, RejectCodes.icmpCode(RejectCodes.ICMP_HOST_PROHIBITED));
        assertEquals(RejectCodes.KIND_ICMP6, RejectCodes.kind(RejectCodes.ICMP6_PORT_UNREACH));
        assertEquals(1, RejectCodes.icmpType(RejectCodes.ICMP6_PORT_UNREACH));
        assertEquals(4, RejectCodes.icmpCode(RejectCodes.ICMP6_PORT_UNREACH));
        assertEquals(RejectCodes.KIND_TCP_RESET, RejectCodes.kind(RejectCodes.TCP_RESET));
        assertEquals(0, RejectCodes.kind(PacketContext.REJECT_NONE));
    }

    @Test
    void defaultIsListedExplicitly() {
        assertEquals("--reject-with icmp-port-unreachable", ExtArgs.text(v4.descriptor(), args(v4, Family.IPV4, -1, "")));
        assertEquals("--reject-with icmp6-port-unreachable", ExtArgs.text(v6.descriptor(), args(v6, Family.IPV6, -1, "")));
        assertEquals("--reject-with icmp-net-unreachable",
                ExtArgs.text(v4.descriptor(), args(v4, Family.IPV4, -1, "--reject-with NET-UNREACH")));
    }

    @Test
    void tcpResetOnlyWithProtocolTcp() {
        assertEquals(RejectCodes.TCP_RESET, codeOf(v4, Family.IPV4, 6, "--reject-with tcp-rst"));
        assertEquals(RejectCodes.TCP_RESET, codeOf(v6, Family.IPV6, 6, "--reject-with tcp-reset"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v4.compile(args(v4, Family.IPV4, 17, "--reject-with tcp-reset")));
        assertTrue(e.getMessage().contains("-p tcp"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v6.compile(args(v6, Family.IPV6, -1, "--reject-with tcp-reset")));
        Args inverted = ExtArgs.parse(v4.descriptor(), Family.IPV4, 6, "--reject-with tcp-reset").toBuilder()
                .protocol(6, true).build();
        assertThrows(IllegalArgumentException.class, () -> v4.compile(inverted));
    }

    @Test
    void unknownNamesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> args(v4, Family.IPV4, -1, "--reject-with icmp6-no-route"));
        assertTrue(e.getMessage().contains("icmp6-no-route"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> args(v6, Family.IPV6, 6, "--reject-with tcp-rst"));
        assertThrows(IllegalArgumentException.class, () -> args(v4, Family.IPV4, -1, "--reject-with ''"));
    }

    @Test
    void onlyFilterInputForwardOutput() {
        for (TargetType t : new TargetType[] {v4, v6}) {
            assertEquals(EnumSet.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT), t.descriptor().hooks());
            assertEquals(Set.of("filter"), t.descriptor().tables());
            assertTrue(t.descriptor().terminal());
        }
        assertEquals(Set.of(Family.IPV4), v4.descriptor().families());
        assertEquals(Set.of(Family.IPV6), v6.descriptor().families());
    }
}
