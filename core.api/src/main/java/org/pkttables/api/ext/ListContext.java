package org.pkttables.api.ext;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a listing ({@code iptables -L}) knows while it prints one rule: whether names are wanted
 * ({@code -L} without {@code -n}) and the system's names for ports and protocols ({@code /etc/services},
 * {@code /etc/protocols}), as the real tool looks them up. The command line supplies it; a
 * {@link ParamType#listed} or {@link ListFormatter} reads it.
 *
 * @since 1.5.0
 */
@ProviderType
public interface ListContext {
    /** True for {@code -n}: numbers instead of names. */
    boolean numeric();

    /** The service name of {@code port} for {@code protocol} ({@code tcp}, {@code udp} …), or null. */
    String service(int port, String protocol);

    /** The protocol name of {@code number} ({@code 6} is {@code tcp}), or null. */
    String protocol(int number);

    /**
     * The host name of an address ({@code 127.0.0.1} is {@code localhost}) or, for an IPv4 address without
     * one, its network name ({@code /etc/networks}), or null: what the tools print without {@code -n}.
     */
    String addressName(String address);

    /** The rule's {@code -p} protocol number, -1 when none. */
    int ruleProtocol();

    /** {@code port} as listed: its service name for {@code protocol} unless {@link #numeric()}, else the number. */
    default String port(int port, String protocol) {
        String name = numeric() ? null : service(port, protocol);
        return name != null ? name : Integer.toString(port);
    }
}
