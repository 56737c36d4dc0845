package org.pkttables.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.pkttables.api.ext.InetText;
import org.pkttables.tables.testing.Frames;

/**
 * Rulesets and packet traces in the style of ClassBench (Taylor and Turner's ACL-like filter sets):
 * source and destination prefixes of varied lengths drawn around a pool of networks, so prefixes nest
 * and cluster; protocols mostly TCP and UDP; destination ports mostly single well-known ports, some
 * ranges ({@code 1024:65535}, {@code 0:1023}, arbitrary), source ports mostly any. The trace is built
 * as ClassBench's trace generator does: most headers are drawn inside a random rule (so they match it
 * or an earlier rule), a few are random (they fall through to the policy).
 */
public final class ClassBench {
    static final int[] WELL_KNOWN = { 80, 443, 22, 25, 53, 21, 110, 143, 3306, 8080, 123, 161, 389, 993 };

    /** One generated rule; ports -1 when the protocol has none. */
    public record Rule(int src, int srcLen, int dst, int dstLen, int proto, int spLo, int spHi, int dpLo, int dpHi,
            boolean accept) {
        String restoreLine(String chain) {
            StringBuilder b = new StringBuilder("-A ").append(chain);
            if (srcLen > 0) {
                b.append(" -s ").append(InetText.formatIpv4(src)).append('/').append(srcLen);
            }
            if (dstLen > 0) {
                b.append(" -d ").append(InetText.formatIpv4(dst)).append('/').append(dstLen);
            }
            if (proto > 0) {
                String p = proto == 6 ? "tcp" : proto == 17 ? "udp" : proto == 1 ? "icmp" : Integer.toString(proto);
                b.append(" -p ").append(p);
                if (proto == 6 || proto == 17) {
                    b.append(" -m ").append(p);
                    if (spLo != 0 || spHi != 65535) {
                        b.append(" --sport ").append(range(spLo, spHi));
                    }
                    if (dpLo != 0 || dpHi != 65535) {
                        b.append(" --dport ").append(range(dpLo, dpHi));
                    }
                }
            }
            return b.append(accept ? " -j ACCEPT" : " -j DROP").toString();
        }
    }

    private ClassBench() {
    }

    public static List<Rule> rules(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // A pool of /16 networks the prefixes cluster in (more networks for bigger sets, as in real ACLs).
        int[] nets = new int[16 + n / 50];
        for (int i = 0; i < nets.length; i++) {
            nets[i] = r.nextInt() & 0xffff0000;
        }
        List<Rule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int sLen = srcLength(r);
            int dLen = dstLength(r);
            int src = mask(nets[r.nextInt(nets.length)] | (r.nextInt() & 0xffff), sLen);
            int dst = mask(nets[r.nextInt(nets.length)] | (r.nextInt() & 0xffff), dLen);
            int pr = r.nextInt(100);
            int proto = pr < 55 ? 6 : pr < 80 ? 17 : pr < 88 ? 1 : 0;
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
                    dpLo = dpHi = WELL_KNOWN[r.nextInt(WELL_KNOWN.length)];
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
            out.add(new Rule(src, sLen, dst, dLen, proto, spLo, spHi, dpLo, dpHi, r.nextBoolean()));
        }
        return out;
    }

    private static int srcLength(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 40 ? 32 : x < 60 ? 24 : x < 70 ? 16 + r.nextInt(8) : x < 80 ? 25 + r.nextInt(7) : x < 85 ? 8 + r.nextInt(8) : 0;
    }

    private static int dstLength(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 50 ? 32 : x < 70 ? 24 : x < 80 ? 16 + r.nextInt(8) : x < 90 ? 25 + r.nextInt(7) : 0;
    }

    /** The rules in one chain (FORWARD, policy DROP), as an iptables-restore file. */
    public static String restore(List<Rule> rules) {
        StringBuilder b = new StringBuilder(rules.size() * 80);
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
                out[i] = frame(r.nextInt(), r.nextInt(), r.nextBoolean() ? 6 : 17, r.nextInt(65536), r.nextInt(65536));
                continue;
            }
            Rule x = rules.get(r.nextInt(rules.size()));
            int proto = x.proto() > 0 ? x.proto() : r.nextBoolean() ? 6 : 17;
            int sp = x.proto() > 0 ? x.spLo() + r.nextInt(x.spHi() - x.spLo() + 1) : r.nextInt(65536);
            int dp = x.proto() > 0 ? x.dpLo() + r.nextInt(x.dpHi() - x.dpLo() + 1) : r.nextInt(65536);
            out[i] = frame(inside(r, x.src(), x.srcLen()), inside(r, x.dst(), x.dstLen()), proto, sp, dp);
        }
        return out;
    }

    static byte[] frame(int src, int dst, int proto, int sport, int dport) {
        Frames.Packet p = Frames.ipv4(InetText.formatIpv4(src), InetText.formatIpv4(dst));
        if (proto == 6) {
            p.tcp(sport, dport).flags(Frames.SYN);
        } else if (proto == 17) {
            p.udp(sport, dport);
        } else {
            p.icmp(8, 0);
        }
        return p.build();
    }

    private static int inside(SplittableRandom r, int net, int len) {
        return len == 32 ? net : net | (r.nextInt() & (int) (0xffffffffL >>> len));
    }

    private static int mask(int a, int len) {
        return len == 0 ? 0 : a & (int) (0xffffffffL << (32 - len));
    }

    static String range(int lo, int hi) {
        return lo == hi ? Integer.toString(lo) : lo + ":" + hi;
    }
}
