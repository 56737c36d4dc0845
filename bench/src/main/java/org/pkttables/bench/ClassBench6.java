package org.pkttables.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.pkttables.api.ext.InetText;
import org.pkttables.tables.testing.Frames;

/**
 * The IPv6 counterpart of {@link ClassBench}: the same rule mix (protocols, port forms, actions) and the
 * same trace generator, with IPv6 prefixes drawn around a pool of /48 sites inside a few /32
 * allocations, so prefixes nest and cluster as the IPv4 ones do around their /16 networks. The lengths
 * follow the IPv4 generator's proportions, mapped onto IPv6's usual sizes: hosts (/128) where it has
 * /32, subnets (/64) where it has /24, /48 to /63 where it has /16 to /23, /65 to /127 where it has
 * /25 to /31, /32 to /47 where it has /8 to /15, and /0.
 */
public final class ClassBench6 {
    /** One generated rule: addresses as (hi, lo) 64-bit halves; ports -1 when the protocol has none. */
    public record Rule(long srcHi, long srcLo, int srcLen, long dstHi, long dstLo, int dstLen, int proto, int spLo,
            int spHi, int dpLo, int dpHi, boolean accept) {
        String restoreLine(String chain) {
            StringBuilder b = new StringBuilder("-A ").append(chain);
            if (srcLen > 0) {
                b.append(" -s ").append(InetText.formatIpv6(srcHi, srcLo)).append('/').append(srcLen);
            }
            if (dstLen > 0) {
                b.append(" -d ").append(InetText.formatIpv6(dstHi, dstLo)).append('/').append(dstLen);
            }
            if (proto > 0) {
                String p = proto == 6 ? "tcp" : proto == 17 ? "udp" : proto == 58 ? "ipv6-icmp" : Integer.toString(proto);
                b.append(" -p ").append(p);
                if (proto == 6 || proto == 17) {
                    b.append(" -m ").append(p);
                    if (spLo != 0 || spHi != 65535) {
                        b.append(" --sport ").append(ClassBench.range(spLo, spHi));
                    }
                    if (dpLo != 0 || dpHi != 65535) {
                        b.append(" --dport ").append(ClassBench.range(dpLo, dpHi));
                    }
                }
            }
            return b.append(accept ? " -j ACCEPT" : " -j DROP").toString();
        }
    }

    private ClassBench6() {
    }

    public static List<Rule> rules(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // /32 allocations, and the /48 sites inside them the prefixes cluster in (more for bigger sets).
        long[] allocations = new long[4 + n / 2000];
        for (int i = 0; i < allocations.length; i++) {
            allocations[i] = (0x2000L | r.nextInt(0x1000)) << 48 | (r.nextInt() & 0xffffL) << 32;
        }
        long[] sites = new long[16 + n / 50];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = allocations[r.nextInt(allocations.length)] | (r.nextInt() & 0xffffL) << 16;
        }
        List<Rule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int sLen = srcLength(r);
            int dLen = dstLength(r);
            long sHi = sites[r.nextInt(sites.length)] | (r.nextInt() & 0xffffL);
            long sLo = r.nextLong();
            long dHi = sites[r.nextInt(sites.length)] | (r.nextInt() & 0xffffL);
            long dLo = r.nextLong();
            int pr = r.nextInt(100);
            int proto = pr < 55 ? 6 : pr < 80 ? 17 : pr < 88 ? 58 : 0;
            int spLo = 0;
            int spHi = 65535;
            int dpLo = 0;
            int dpHi = 65535;
            if (proto == 6 || proto == 17) {
                int s = r.nextInt(100);
                if (s < 10) {
                    spLo = 1024;
                } else if (s < 15) {
                    spLo = spHi = 1024 + r.nextInt(64512);
                }
                int d = r.nextInt(100);
                if (d < 40) {
                    dpLo = dpHi = ClassBench.WELL_KNOWN[r.nextInt(ClassBench.WELL_KNOWN.length)];
                } else if (d < 55) {
                    dpLo = dpHi = 1024 + r.nextInt(64512);
                } else if (d < 65) {
                    dpLo = 1024;
                } else if (d < 70) {
                    dpHi = 1023;
                } else if (d < 75) {
                    dpLo = r.nextInt(60000);
                    dpHi = dpLo + r.nextInt(5000);
                }
            }
            out.add(new Rule(sHi & InetText.ipv6MaskHi(sLen), sLo & InetText.ipv6MaskLo(sLen), sLen,
                    dHi & InetText.ipv6MaskHi(dLen), dLo & InetText.ipv6MaskLo(dLen), dLen, proto, spLo, spHi, dpLo,
                    dpHi, r.nextBoolean()));
        }
        return out;
    }

    private static int srcLength(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 40 ? 128 : x < 60 ? 64 : x < 70 ? 48 + r.nextInt(16) : x < 80 ? 65 + r.nextInt(63)
                : x < 85 ? 32 + r.nextInt(16) : 0;
    }

    private static int dstLength(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 50 ? 128 : x < 70 ? 64 : x < 80 ? 48 + r.nextInt(16) : x < 90 ? 65 + r.nextInt(63) : 0;
    }

    /** The rules in one chain (FORWARD, policy DROP), as an ip6tables-restore file. */
    public static String restore(List<Rule> rules) {
        StringBuilder b = new StringBuilder(rules.size() * 110);
        b.append("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (Rule rule : rules) {
            b.append(rule.restoreLine("FORWARD")).append('\n');
        }
        return b.append("COMMIT\n").toString();
    }

    /** Ethernet frames: 90% drawn inside a random rule, 10% random headers. */
    public static byte[][] trace(List<Rule> rules, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (rules.isEmpty() || r.nextInt(10) == 0) {
                out[i] = frame(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextBoolean() ? 6 : 17,
                        r.nextInt(65536), r.nextInt(65536));
                continue;
            }
            Rule x = rules.get(r.nextInt(rules.size()));
            int proto = x.proto() > 0 ? x.proto() : r.nextBoolean() ? 6 : 17;
            int sp = x.proto() > 0 ? x.spLo() + r.nextInt(x.spHi() - x.spLo() + 1) : r.nextInt(65536);
            int dp = x.proto() > 0 ? x.dpLo() + r.nextInt(x.dpHi() - x.dpLo() + 1) : r.nextInt(65536);
            out[i] = frame(x.srcHi() | (r.nextLong() & ~InetText.ipv6MaskHi(x.srcLen())),
                    x.srcLo() | (r.nextLong() & ~InetText.ipv6MaskLo(x.srcLen())),
                    x.dstHi() | (r.nextLong() & ~InetText.ipv6MaskHi(x.dstLen())),
                    x.dstLo() | (r.nextLong() & ~InetText.ipv6MaskLo(x.dstLen())), proto, sp, dp);
        }
        return out;
    }

    static byte[] frame(long srcHi, long srcLo, long dstHi, long dstLo, int proto, int sport, int dport) {
        Frames.Packet p = Frames.ipv6(InetText.formatIpv6(srcHi, srcLo), InetText.formatIpv6(dstHi, dstLo));
        if (proto == 6) {
            p.tcp(sport, dport).flags(Frames.SYN);
        } else if (proto == 17) {
            p.udp(sport, dport);
        } else {
            p.icmp(128, 0);
        }
        return p.build();
    }
}
