package org.pkttables.l3.common;

import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code -i} and {@code -o} base options, which iptables, ip6tables and arptables spell alike. */
public final class IfaceParams {
    private IfaceParams() {
    }

    /** {@code -i} / {@code --in-interface}: a new parameter for one family's base descriptor. */
    public static Param<String> in() {
        return Param.of("-i", ParamTypes.iface()).alias("--in-interface").invertible()
                .help("input interface name ([+] for wildcard)");
    }

    /** {@code -o} / {@code --out-interface}: a new parameter for one family's base descriptor. */
    public static Param<String> out() {
        return Param.of("-o", ParamTypes.iface()).alias("--out-interface").invertible()
                .help("output interface name ([+] for wildcard)");
    }
}
