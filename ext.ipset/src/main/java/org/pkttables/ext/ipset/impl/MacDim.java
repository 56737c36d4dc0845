package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.ext.ipset.api.SetException;

/** An Ethernet address ({@code hash:mac}), printed upper-case as ipset does. */
final class MacDim extends Dim {
    @Override
    int[] fieldBits() {
        return new int[] {48};
    }

    @Override
    Values parse(String text) {
        long v;
        try {
            v = ParamTypes.parseMac(text);
        } catch (IllegalArgumentException e) {
            throw new SetException("Syntax error: cannot parse " + text + " as ethernet address", e);
        }
        if (v == 0) {
            throw new SetException("Syntax error: the zero ethernet address " + text + " cannot be stored");
        }
        return Values.one(v);
    }

    @Override
    void format(long[] f, int off, StringBuilder out) {
        long v = f[off];
        for (int i = 5; i >= 0; i--) {
            int b = (int) (v >>> (8 * i)) & 0xff;
            out.append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            if (i > 0) {
                out.append(':');
            }
        }
    }

    @Override
    boolean extract(PacketContext p, boolean src, long[] f, int off) {
        int l2 = p.l2Offset();
        if (l2 < 0) {
            return false;
        }
        long v = p.u48(l2 + (src ? 6 : 0));
        if (v <= 0) {
            return false;
        }
        f[off] = v;
        return true;
    }
}
