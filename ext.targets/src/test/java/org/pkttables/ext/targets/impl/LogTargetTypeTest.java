package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Target;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

class LogTargetTypeTest {
    private final List<String> lines = new ArrayList<>();
    private final LogTargetType type = new LogTargetType((level, line) -> lines.add(level + ":" + line));

    private Args canonical(String line) {
        return type.canonicalize(ExtArgs.parse(type.descriptor(), Family.IPV4, -1, line));
    }

    private String log(String rule, PacketContext p) {
        Target t = type.compile(canonical(rule));
        assertEquals(Verdict.CONTINUE, t.apply(p));
        return lines.remove(lines.size() - 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--log-level warning; ''",
        "--log-level 4; ''",
        "--log-level alert --log-prefix 'x '; --log-prefix x  --log-level 1",
        "--log-uid --log-tcp-sequence; --log-tcp-sequence --log-uid",
        // longer than 29 bytes: cut at 29, as 1.8.9 does (whole characters: a 2-byte one that would end at 30 goes)
        "--log-prefix pppppppppppppppppppppppppppppqqqq; --log-prefix ppppppppppppppppppppppppppppp",
        "--log-prefix ppppppppppppppppppppppppppppé; --log-prefix pppppppppppppppppppppppppppp",
    })
    void listing(String in, String out) {
        assertEquals(out, ExtArgs.text(type.descriptor(), canonical(in)));
    }

    @Test
    void badValues() {
        assertThrows(IllegalArgumentException.class, () -> canonical("--log-level ALERT"));
        assertThrows(IllegalArgumentException.class, () -> canonical("--log-level 8"));
        assertThrows(IllegalArgumentException.class, () -> canonical("--log-prefix ''"));
        assertThrows(IllegalArgumentException.class, () -> canonical("--log-prefix 'a\nb" + "p".repeat(40) + "'"));
        assertThrows(IllegalArgumentException.class, () -> canonical("--log-prefix 'a\nb'"));
    }

    private static PacketContext tcpSyn() {
        PacketContext p = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1234, 22, 0x02)));
        p.setInIface("eth0");
        return p;
    }

    @Test
    void ipv4TcpLikeTheKernel() {
        assertEquals("4:FW: IN=eth0 OUT= MAC=10:11:12:13:14:15:42:01:02:03:04:05:08:00 SRC=10.0.0.1 DST=10.0.0.2"
                + " LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=1234 DPT=22 WINDOW=65535 RES=0x00 SYN URGP=0",
                log("--log-prefix 'FW: '", tcpSyn()));
    }

    @Test
    void optionsSequenceMacDecodeAndMark() {
        PacketContext p = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1234, 22, 0x12, 2, 4, 5, 0xb4)));
        p.setInIface("eth0");
        p.setOutIface("eth1");
        p.setMark(0x2a);
        assertEquals("7:IN=eth0 OUT=eth1 MACSRC=42:01:02:03:04:05 MACDST=10:11:12:13:14:15 MACPROTO=0800"
                + " SRC=10.0.0.1 DST=10.0.0.2 LEN=44 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=1234 DPT=22"
                + " SEQ=0 ACK=0 WINDOW=65535 RES=0x00 ACK SYN URGP=0 OPT (020405B4) MARK=0x2a",
                log("--log-level debug --log-tcp-sequence --log-tcp-options --log-macdecode", p));
    }

    @Test
    void outputHasNoMacAndUdpAndIcmp() {
        PacketContext p = Packets.ctx4(Packets.ipv4(17, Packets.udp(5353, 53)));
        p.setOutIface("eth1");
        assertEquals("4:IN= OUT=eth1 SRC=10.0.0.1 DST=10.0.0.2 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=UDP"
                + " SPT=5353 DPT=53 LEN=8", log("", p));
        byte[] echo = Packets.icmp(8, 0);
        echo[5] = 7;
        echo[7] = 1;
        p = Packets.ctx4(Packets.ipv4(1, echo));
        assertEquals("4:IN= OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP"
                + " TYPE=8 CODE=0 ID=7 SEQ=1", log("", p));
    }

    @Test
    void ipv6() {
        PacketContext p = Packets.ctx6(Packets.ipv6(58, Packets.icmp(128, 0)));
        assertEquals("4:IN= OUT= SRC=fe80:0000:0000:0000:0000:0000:0000:0001 DST=fe80:0000:0000:0000:0000:0000:0000:0002"
                + " LEN=48 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 TYPE=128 CODE=0 ID=0 SEQ=0", log("", p));
    }

    @Test
    void truncatedPacketsAreSaidToBeSoNeverThrow() {
        byte[] f = Packets.ipv4(6, Packets.tcp(1234, 22, 0x02));
        assertEquals("4:IN= OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP"
                + " INCOMPLETE [10 bytes]", log("", Packets.ctx4(f, f.length - 10)));
        assertEquals("4:IN= OUT= TRUNCATED", log("", Packets.ctx4(f, 20)));
        for (int len = 0; len <= f.length; len++) {
            log("--log-tcp-options --log-ip-options --log-tcp-sequence --log-macdecode", Packets.ctx4(f, len));
            log("", Packets.ctx6(Packets.ipv6(6, Packets.tcp(1, 2, 2)), Math.min(len, 74)));
        }
    }
}
