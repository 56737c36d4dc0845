package org.pkttables.helper.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.HelperConnection;

/** The expectation a request creates, from the helper alone (the connection is a recording stand-in). */
class TftpHelperTest {
    /** A client {@code client:cport} talking to {@code server:69}; records expect() calls, answers {@code accept}. */
    private static final class Recorder implements HelperConnection {
        final String client;
        final String server;
        final int cport;
        final boolean reply;
        final boolean accept;
        final List<String> expected = new ArrayList<>();

        Recorder(String client, int cport, String server, boolean reply, boolean accept) {
            this.client = client;
            this.cport = cport;
            this.server = server;
            this.reply = reply;
            this.accept = accept;
        }

        private static byte[] bytes(String a) {
            try {
                return InetAddress.getByName(a).getAddress();
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        private static String text(byte[] a) {
            try {
                return a == null ? "*" : InetAddress.getByAddress(a).getHostAddress();
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public int ipVersion() {
            return client.contains(":") ? 6 : 4;
        }

        @Override
        public boolean isReply() {
            return reply;
        }

        @Override
        public byte[] originalSource() {
            return bytes(client);
        }

        @Override
        public byte[] originalDestination() {
            return bytes(server);
        }

        @Override
        public int originalSourcePort() {
            return cport;
        }

        @Override
        public int originalDestinationPort() {
            return 69;
        }

        @Override
        public long id() {
            return 1;
        }

        @Override
        public boolean expect(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort) {
            expected.add(protocol + " " + text(source) + ":" + sourcePort + " -> " + text(destination) + ":"
                    + destinationPort);
            return accept;
        }
    }

    /** Runs the helper on a UDP payload placed after 8 bytes of something else (absolute offsets). */
    private static int help(HelperConnection c, int... payload) {
        byte[] b = new byte[8 + payload.length];
        for (int i = 0; i < payload.length; i++) {
            b[8 + i] = (byte) payload[i];
        }
        return new TftpHelper().help(new PacketContext().reset(b, 0, b.length), 8, payload.length, c);
    }

    private static int[] request(int opcode, String file) {
        String s = "\0" + (char) opcode + file + "\0octet\0";
        return s.chars().toArray();
    }

    @Test
    void readAndWriteRequestsExpectTheServerFromAnyPortToTheClientsPort() {
        Recorder rrq = new Recorder("10.0.1.2", 40000, "10.0.2.2", false, true);
        assertEquals(Verdict.ACCEPT, help(rrq, request(1, "boot.img")));
        assertEquals(List.of("17 10.0.2.2:-1 -> 10.0.1.2:40000"), rrq.expected);

        Recorder wrq = new Recorder("fd00:1::2", 51234, "fd00:2::2", false, true);
        assertEquals(Verdict.ACCEPT, help(wrq, request(2, "upload.txt")));
        assertEquals(List.of("17 fd00:2:0:0:0:0:0:2:-1 -> fd00:1:0:0:0:0:0:2:51234"), wrq.expected);
    }

    @Test
    void dataAckErrorAndUnknownOpcodesAnnounceNothing() {
        for (int[] p : new int[][] { { 0, 3, 0, 1, 'x' }, { 0, 4, 0, 1 }, { 0, 5, 0, 1, 'e', 0 }, { 0, 6 },
                { 1, 1, 'f', 0 }, { 0 }, {} }) {
            Recorder c = new Recorder("10.0.1.2", 40000, "10.0.2.2", false, true);
            if (p.length > 0) {
                assertEquals(Verdict.ACCEPT, help(c, p));
            }
            assertEquals(List.of(), c.expected, () -> java.util.Arrays.toString(p));
        }
    }

    @Test
    void aRequestInTheReplyDirectionUsesTheSameReplyTuple() {
        // the kernel reads the opcode whatever the direction and always expects the master's reply tuple
        Recorder c = new Recorder("10.0.1.2", 40000, "10.0.2.2", true, true);
        help(c, request(1, "x"));
        assertEquals(List.of("17 10.0.2.2:-1 -> 10.0.1.2:40000"), c.expected);
    }

    @Test
    void aRequestWhoseExpectationIsRefusedIsDropped() {
        Recorder c = new Recorder("10.0.1.2", 40000, "10.0.2.2", false, false);
        assertEquals(Verdict.DROP, help(c, request(1, "x")));
    }

    @Test
    void aTruncatedOpcodeIsLeftAlone() {
        byte[] b = new byte[9];
        b[8] = 0;
        Recorder c = new Recorder("10.0.1.2", 40000, "10.0.2.2", false, true);
        // the payload claims two bytes but the frame ends after one
        assertEquals(Verdict.ACCEPT, new TftpHelper().help(new PacketContext().reset(b, 0, 9), 8, 2, c));
        assertEquals(List.of(), c.expected);
    }
}
