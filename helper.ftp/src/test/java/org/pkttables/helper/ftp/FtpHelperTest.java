package org.pkttables.helper.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.HelperConnection;

class FtpHelperTest {
    static FtpCommand parse(String s, boolean reply) {
        byte[] b = ("xx" + s).getBytes(StandardCharsets.US_ASCII);
        return FtpCommand.parse(b, 2, b.length - 2, reply);
    }

    @Test
    void portAndPasv() {
        FtpCommand c = parse("PORT 10,0,1,2,195,80\r\n", false);
        assertEquals(FtpCommand.Type.PORT, c.type());
        assertArrayEquals(new byte[] { 10, 0, 1, 2 }, c.address());
        assertEquals(195 * 256 + 80, c.port());
        assertEquals(50000, parse("port 10,0,1,2,195,80\r\n", false).port()); // case-insensitive like the kernel
        FtpCommand p = parse("227 Entering Passive Mode (10,0,2,2,78,32).\r\n", true);
        assertEquals(FtpCommand.Type.PASV, p.type());
        assertArrayEquals(new byte[] { 10, 0, 2, 2 }, p.address());
        assertEquals(78 * 256 + 32, p.port());
    }

    @Test
    void eprtAndEpsv() throws Exception {
        FtpCommand e = parse("EPRT |2|fd00:1::2|6275|\r\n", false);
        assertArrayEquals(InetAddress.getByName("fd00:1::2").getAddress(), e.address());
        assertEquals(6275, e.port());
        assertArrayEquals(new byte[] { (byte) 132, (byte) 235, 1, 2 }, parse("EPRT |1|132.235.1.2|6275|\r\n", false).address());
        FtpCommand v = parse("229 Entering Extended Passive Mode (|||6446|)\r\n", true);
        assertNull(v.address());
        assertEquals(6446, v.port());
    }

    @Test
    void malformedOrWrongDirectionIsIgnored() {
        assertNull(parse("PORT 10,0,1,2,195\r\n", false));
        assertNull(parse("PORT 10,0,1,256,1,1\r\n", false));
        assertNull(parse("PORT10,0,1,2,1,1\r\n", false));
        assertNull(parse("227 Entering Passive Mode (10,0,2,2,78,32)\r\n", false)); // a client does not send 227
        assertNull(parse("PORT 10,0,1,2,195,80\r\n", true)); // nor a server PORT
        assertNull(parse("EPRT |2|not-an-address.example|80|\r\n", false));
        assertNull(parse("EPRT |1|10.0.0.1|0|\r\n", false));
        assertNull(parse("229 Entering Extended Passive Mode (|||70000|)\r\n", true));
        assertNull(parse("RETR x\r\n", false));
    }

    /** A connection 10.0.1.2:40000 -> 10.0.2.2:21 recording expect() calls. */
    static final class Conn implements HelperConnection {
        final boolean reply;
        final List<String> expected = new ArrayList<>();

        Conn(boolean reply) {
            this.reply = reply;
        }

        @Override
        public int ipVersion() {
            return 4;
        }

        @Override
        public boolean isReply() {
            return reply;
        }

        @Override
        public byte[] originalSource() {
            return new byte[] { 10, 0, 1, 2 };
        }

        @Override
        public byte[] originalDestination() {
            return new byte[] { 10, 0, 2, 2 };
        }

        @Override
        public int originalSourcePort() {
            return 40000;
        }

        @Override
        public int originalDestinationPort() {
            return 21;
        }

        @Override
        public long id() {
            return 7;
        }

        @Override
        public boolean expect(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort) {
            try {
                expected.add(protocol + " " + InetAddress.getByAddress(source).getHostAddress() + ":" + sourcePort + " -> "
                        + InetAddress.getByAddress(destination).getHostAddress() + ":" + destinationPort);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
            return true;
        }
    }

    static int help(String payload, Conn c) {
        byte[] b = ("HDR" + payload).getBytes(StandardCharsets.US_ASCII);
        PacketContext p = new PacketContext().reset(b, 0, b.length);
        return new FtpHelper().help(p, 3, b.length - 3, c);
    }

    @Test
    void expectationsFollowTheKernel() {
        Conn active = new Conn(false);
        assertEquals(Verdict.ACCEPT, help("PORT 10,0,1,2,195,80\r\n", active));
        assertEquals(List.of("6 10.0.2.2:-1 -> 10.0.1.2:50000"), active.expected); // server connects back to the client
        Conn passive = new Conn(true);
        help("227 Entering Passive Mode (10,0,2,2,78,32).\r\n", passive);
        assertEquals(List.of("6 10.0.1.2:-1 -> 10.0.2.2:20000"), passive.expected); // client connects to the server
        Conn epsv = new Conn(true);
        help("229 Entering Extended Passive Mode (|||6446|)\r\n", epsv);
        assertEquals(List.of("6 10.0.1.2:-1 -> 10.0.2.2:6446"), epsv.expected);
        Conn thirdParty = new Conn(false);
        help("PORT 192,168,7,7,0,22\r\n", thirdParty); // a hole towards another host: not recorded
        assertEquals(List.of(), thirdParty.expected);
    }
}
