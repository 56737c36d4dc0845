package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/** A MAC address as a 48-bit long, listed in lower case ({@code aa:bb:cc:dd:ee:ff}) as iptables does. */
final class MacAddressType extends ParamType<Long> {
    static final MacAddressType INSTANCE = new MacAddressType();

    private MacAddressType() {
        super("mac", 1);
    }

    @Override
    public Long parse(List<String> words) {
        return ParamTypes.parseMac(words.get(0));
    }

    @Override
    public List<String> format(Long v) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (v >>> shift) & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return List.of(sb.toString());
    }
}
