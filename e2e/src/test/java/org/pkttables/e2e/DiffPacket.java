package org.pkttables.e2e;

/**
 * One generated frame of the differential test.
 *
 * @param id    unique in its run; also the last 4 bytes of the IP packet
 * @param v6    IPv6 (else IPv4)
 * @param reply sent from the sink side (r1 -> r0) instead of the sender side
 * @param frame the Ethernet frame as it is put on the wire (TTL / hop limit not yet decremented)
 * @param what  a short description for failure messages
 */
record DiffPacket(int id, boolean v6, boolean reply, byte[] frame, String what) {
    String inIface() {
        return reply ? "r1" : "r0";
    }

    String outIface() {
        return reply ? "r0" : "r1";
    }
}
