package org.pkttables.io.pcap;

/**
 * Linux cooked-capture headers ({@code tcpdump -i any}): LINKTYPE_LINUX_SLL (16 bytes: packet type,
 * ARPHRD type, address length, 8 address bytes, protocol) and LINKTYPE_LINUX_SLL2 (20 bytes: protocol,
 * reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes), both in network
 * byte order whatever the file's. {@link #toEthernet} writes the Ethernet header that stands for one in
 * front of its payload: the source MAC from the header's link-layer address (when it is 6 bytes), the
 * destination the broadcast address for broadcast packets and 00:00:00:00:00:00 otherwise (a cooked
 * capture does not keep it), the EtherType from the protocol.
 */
final class CookedHeader {
    static final int SLL_LENGTH = 16;
    static final int SLL2_LENGTH = 20;
    private static final int PACKET_BROADCAST = 1;

    private CookedHeader() {
    }

    /** The header's length for {@code linkType} (SLL or SLL2). */
    static int length(int linkType) {
        return linkType == PcapReader.LINKTYPE_LINUX_SLL ? SLL_LENGTH : SLL2_LENGTH;
    }

    /**
     * Writes into {@code eth[0..14)} the Ethernet header standing for the cooked header {@code h}
     * (of {@code linkType}).
     */
    static void toEthernet(int linkType, byte[] h, byte[] eth) {
        int packetType;
        int addrLen;
        int addr;
        int protocol;
        if (linkType == PcapReader.LINKTYPE_LINUX_SLL) {
            packetType = u16(h, 0);
            addrLen = u16(h, 4);
            addr = 6;
            protocol = u16(h, 14);
        } else {
            protocol = u16(h, 0);
            packetType = h[10] & 0xff;
            addrLen = h[11] & 0xff;
            addr = 12;
        }
        byte dst = packetType == PACKET_BROADCAST ? (byte) 0xff : 0;
        for (int i = 0; i < 6; i++) {
            eth[i] = dst;
            eth[6 + i] = addrLen == 6 ? h[addr + i] : 0;
        }
        eth[12] = (byte) (protocol >> 8);
        eth[13] = (byte) protocol;
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }
}
