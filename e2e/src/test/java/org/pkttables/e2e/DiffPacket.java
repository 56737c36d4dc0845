package org.pkttables.e2e;

/**
 * One generated frame of the differential test.
 *
 * @param id    unique in its run; also the last 4 bytes of the IP packet
 * @param v6    IPv6 (else IPv4)
 * @param reply sent from the sink side (r1 -> r0) instead of the sender side
 * @param frame the Ethernet frame as it is put on the wire (TTL / hop limit not yet decremented)
 * @param what  a short description for failure messages
 * @param tagged the id is in the IP header (IPv4 identification, IPv6 flow label) instead of a trailer: a
 *               packet cut too short to end with one
 */
record DiffPacket(int id, boolean v6, boolean reply, byte[] frame, String what, boolean tagged) {
    DiffPacket(int id, boolean v6, boolean reply, byte[] frame, String what) {
        this(id, v6, reply, frame, what, false);
    }

    String inIface() {
        return reply ? "r1" : "r0";
    }

    String outIface() {
        return reply ? "r0" : "r1";
    }
}
