package org.pkttables.cli.xtables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The system's names that {@code iptables -L} prints without {@code -n}: services ({@code /etc/services},
 * as getservbyport), protocols ({@code /etc/protocols}, getprotobynumber), hosts ({@code /etc/hosts},
 * gethostbyaddr's files source) and networks ({@code /etc/networks}, getnetbyaddr). Read once, when first
 * asked. DNS is not asked: a listing never waits on the network (scripts that parse it use {@code -n}).
 * A missing file means no names from it.
 */
final class SystemNames {
    private final Path services;
    private final Path protocols;
    private final Path hosts;
    private final Path networks;
    private volatile Tables tables;

    private record Tables(Map<String, String> services, Map<Integer, String> protocols, Map<String, String> hosts,
            Map<Long, String> networks) {
    }

    SystemNames(Path etc) {
        this.services = etc.resolve("services");
        this.protocols = etc.resolve("protocols");
        this.hosts = etc.resolve("hosts");
        this.networks = etc.resolve("networks");
    }

    /** The names of this machine, from {@code /etc}. */
    static SystemNames system() {
        return new SystemNames(Path.of("/etc"));
    }

    /** getservbyport: the first name of {@code port/protocol}, or null. */
    String service(int port, String protocol) {
        return tables().services.get(port + "/" + protocol);
    }

    /** getprotobynumber: the protocol's official name, or null. */
    String protocol(int number) {
        return tables().protocols.get(number);
    }

    /**
     * gethostbyaddr from the files source: the first name of the first line with this address (IPv4
     * dotted or IPv6 in any spelling the JDK reads), or null.
     */
    String host(String address) {
        return tables().hosts.get(canonicalAddress(address));
    }

    /** getnetbyaddr: the name of the network number {@code net} (host order, {@code 127.0.0.0}), or null. */
    String network(long net) {
        return tables().networks.get(net);
    }

    /** The host name of an address, else (IPv4) its network name, else null. */
    String addressName(String address) {
        String name = host(address);
        if (name == null && address.indexOf(':') < 0) {
            long v = org.pkttables.api.ext.InetText.parseDottedQuad(address);
            name = v < 0 ? null : network(v);
        }
        return name;
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = new Tables(readServices(), readProtocols(), readHosts(), readNetworks());
            tables = t;
        }
        return t;
    }

    private Map<String, String> readServices() {
        Map<String, String> m = new HashMap<>();
        for (String[] f : fields(services)) {
            if (f.length >= 2 && f[1].indexOf('/') > 0) {
                m.putIfAbsent(f[1].toLowerCase(Locale.ROOT), f[0]);
            }
        }
        return m;
    }

    private Map<Integer, String> readProtocols() {
        Map<Integer, String> m = new HashMap<>();
        for (String[] f : fields(protocols)) {
            if (f.length >= 2) {
                try {
                    m.putIfAbsent(Integer.parseInt(f[1]), f[0]);
                } catch (NumberFormatException e) {
                    // Not a protocol line; getprotoent skips it too.
                    continue;
                }
            }
        }
        return m;
    }

    private Map<String, String> readHosts() {
        Map<String, String> m = new HashMap<>();
        for (String[] f : fields(hosts)) {
            String a = f.length >= 2 ? canonicalAddress(f[0]) : null;
            if (a != null) {
                m.putIfAbsent(a, f[1]);
            }
        }
        return m;
    }

    private Map<Long, String> readNetworks() {
        Map<Long, String> m = new HashMap<>();
        for (String[] f : fields(networks)) {
            if (f.length >= 2) {
                long n = inetNetwork(f[1]);
                if (n >= 0) {
                    m.putIfAbsent(n, f[0]);
                }
            }
        }
        return m;
    }

    /** inet_network: {@code 127}, {@code 127.0}, {@code 127.0.0.0}, parts from the left; -1 if not one. */
    static long inetNetwork(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            try {
                int b = Integer.parseInt(p);
                if (b < 0 || b > 255) {
                    return -1;
                }
                v = v << 8 | b;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return v;
    }

    /** One spelling per address: IPv4 dotted as is, IPv6 as the JDK prints it; null when not an address. */
    static String canonicalAddress(String s) {
        if (s.indexOf(':') >= 0) {
            long[] v = org.pkttables.api.ext.InetText.parseIpv6(s);
            return v == null ? null : Long.toHexString(v[0]) + "/" + Long.toHexString(v[1]);
        }
        long v = org.pkttables.api.ext.InetText.parseDottedQuad(s);
        return v < 0 ? null : Long.toString(v);
    }

    /** The lines of a names file split at blanks, comments and empty lines left out. */
    private static List<String[]> fields(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        java.util.ArrayList<String[]> out = new java.util.ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!l.isEmpty()) {
                out.add(l.split("\\s+"));
            }
        }
        return out;
    }
}
