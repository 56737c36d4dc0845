package org.pkttables.conntrack.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.ext.InetText;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.CtStatus;

class SessionLogTest {
    static ConntrackEntry tcp(String a, String b, long id) throws Exception {
        InetAddress s = InetAddress.getByName(a);
        InetAddress d = InetAddress.getByName(b);
        return new ConntrackEntry(id, s.getAddress().length == 4 ? 4 : 6, 6, "TIME_WAIT", s, d, 40000, 80, d, s, 80,
                40000, 0, 0, CtStatus.SEEN_REPLY | CtStatus.ASSURED | CtStatus.CONFIRMED, 120, 7, 10, 1500, 8, 9000);
    }

    @Test
    void oneLinePerEndedConnection(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("logs/sessions.json");
        SessionLog log = new SessionLog(f, 0);
        log.onEvent(new ConntrackEvent(ConntrackEvent.Type.NEW, tcp("10.0.0.1", "10.0.0.2", 1), 0));
        log.onEvent(new ConntrackEvent(ConntrackEvent.Type.DESTROY, tcp("10.0.0.1", "10.0.0.2", 1), 1_700_000_000_123L));
        log.onEvent(new ConntrackEvent(ConntrackEvent.Type.UPDATE, tcp("10.0.0.1", "10.0.0.2", 1), 0));
        log.onEvent(new ConntrackEvent(ConntrackEvent.Type.DESTROY, tcp("fd00::1", "fd00:0:0:1::2", 2), 1_700_000_001_000L));
        log.close();
        List<String> lines = Files.readAllLines(f);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals("{\"timestamp\":\"2023-11-14T22:13:20.123Z\",\"ct.event\":\"DESTROY\",\"ct.id\":1,\"oob.family\":2,"
                + "\"orig.ip.protocol\":6,\"orig.ip.saddr\":\"10.0.0.1\",\"orig.ip.daddr\":\"10.0.0.2\","
                + "\"orig.l4.sport\":40000,\"orig.l4.dport\":80,\"orig.raw.pktcount\":10,\"orig.raw.pktlen\":1500,"
                + "\"reply.ip.saddr\":\"10.0.0.2\",\"reply.ip.daddr\":\"10.0.0.1\",\"reply.l4.sport\":80,"
                + "\"reply.l4.dport\":40000,\"reply.raw.pktcount\":8,\"reply.raw.pktlen\":9000,\"ct.mark\":7,"
                + "\"ct.state\":\"TIME_WAIT\",\"ct.assured\":true,\"ct.replied\":true}", lines.get(0));
        assertTrue(lines.get(1).contains("\"orig.ip.saddr\":\"fd00::1\",\"orig.ip.daddr\":\"fd00:0:0:1::2\""),
                lines.get(1));
        assertEquals(2, log.written());
    }

    @Test
    void rotatesBeyondMaxBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "x".repeat(100) + "\n");
        SessionLog log = new SessionLog(f, 50);
        log.onEvent(new ConntrackEvent(ConntrackEvent.Type.DESTROY, tcp("10.0.0.1", "10.0.0.2", 1), 0));
        log.close();
        assertEquals(101, Files.size(dir.resolve("s.json.1")));
        assertEquals(1, Files.readAllLines(f).size());
    }

    @Test
    void ipv6TextIsCompressedLikeRfc5952() {
        assertEquals("::", InetText.formatIpv6(new byte[16], 0));
        byte[] a = new byte[16];
        a[15] = 1;
        assertEquals("::1", InetText.formatIpv6(a, 0));
        byte[] b = { 0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 };
        assertEquals("2001:db8:0:1::1", InetText.formatIpv6(b, 0));
    }
}
