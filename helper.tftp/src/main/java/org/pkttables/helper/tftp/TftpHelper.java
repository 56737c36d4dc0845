package org.pkttables.helper.tftp;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.HelperConnection;

/**
 * The TFTP helper, after nf_conntrack_tftp: a read or write request (opcode 1 RRQ, 2 WRQ) on the helped
 * connection (a client's datagram to port 69) announces the transfer, which the server answers from a new
 * port of its own. As in the kernel the expectation is the master's reply tuple with any source port: UDP
 * from the server, any port, to the client's address and port; at most one per master (a new request
 * replaces it), for 300 s. DATA, ACK and ERROR packets announce nothing. When the expectation cannot be
 * recorded the request is dropped, as the kernel does. On a NATed connection (nf_nat_tftp) the expectation is
 * the translated reply tuple (server to the masqueraded address and port) and carries destination NAT back
 * to the client's real address and port, so the server's answer from its new port reaches the client.
 */
@Component(service = ConntrackHelper.class, property = ConntrackHelper.NAME + "=tftp")
public final class TftpHelper implements ConntrackHelper {
    static final int RRQ = 1;
    static final int WRQ = 2;
    private static final int UDP = 17;

    @Override
    public String name() {
        return "tftp";
    }

    @Override
    public int protocol() {
        return UDP;
    }

    @Override
    public int port() {
        return 69;
    }

    @Override
    public int maxExpected() {
        return 1;
    }

    @Override
    public int expectTimeoutSeconds() {
        return 300;
    }

    @Override
    public int help(PacketContext p, int payload, int length, HelperConnection conn) {
        if (length < 2 || !p.has(payload, 2)) {
            return Verdict.ACCEPT;
        }
        int opcode = p.u16(payload);
        if (opcode != RRQ && opcode != WRQ) {
            return Verdict.ACCEPT;
        }
        if (conn.natted()) {
            return conn.expectNat(UDP, conn.replySource(), conn.replyDestination(), -1, conn.replyDestinationPort(),
                    conn.originalSource(), conn.originalSourcePort()) ? Verdict.ACCEPT : Verdict.DROP;
        }
        // the reply tuple: from the server (original destination) to the client's address and port
        boolean recorded = conn.expect(UDP, conn.originalDestination(), conn.originalSource(), -1,
                conn.originalSourcePort());
        return recorded ? Verdict.ACCEPT : Verdict.DROP;
    }
}
