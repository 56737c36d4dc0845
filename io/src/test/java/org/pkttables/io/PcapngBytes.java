package org.pkttables.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds pcapng files for tests, block by block, in either byte order: section headers, interface
 * descriptions (with {@code if_tsresol}), enhanced and simple packet blocks, and any other block.
 */
final class PcapngBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** A new section in {@code order}. */
    PcapngBytes section(ByteOrder order) {
        this.order = order;
        ByteBuffer b = buf(16);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D0D0A, b.array());
    }

    /** An interface of {@code linkType}; {@code tsresol} -1 for none (microseconds). */
    PcapngBytes iface(int linkType, int tsresol) {
        ByteBuffer b = buf(tsresol < 0 ? 8 : 8 + 8 + 4);
        b.putShort((short) linkType).putShort((short) 0).putInt(262144);
        if (tsresol >= 0) {
            b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            b.putShort((short) 0).putShort((short) 0); // opt_endofopt
        }
        return block(1, b.array());
    }

    /** An enhanced packet of interface {@code iface} at {@code units} of its resolution, with a comment option. */
    PcapngBytes packet(int iface, long units, byte[] data) {
        int padded = (data.length + 3) & ~3;
        ByteBuffer b = buf(20 + padded + 12);
        b.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(data.length);
        b.put(data).put(new byte[padded - data.length]);
        b.putShort((short) 1).putShort((short) 4).put("note".getBytes()).putShort((short) 0).putShort((short) 0);
        return block(6, b.array());
    }

    /** A simple packet (interface 0). */
    PcapngBytes simple(byte[] data) {
        int padded = (data.length + 3) & ~3;
        ByteBuffer b = buf(4 + padded);
        b.putInt(data.length).put(data);
        return block(3, b.array());
    }

    /** Any block: type and body (a multiple of 4 bytes). */
    PcapngBytes block(int type, byte[] body) {
        ByteBuffer b = buf(12 + body.length);
        b.putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
        out.writeBytes(b.array());
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }
}
