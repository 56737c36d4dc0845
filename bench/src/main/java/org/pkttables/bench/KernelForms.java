package org.pkttables.bench;

/**
 * The rulesets of the kernel comparison ({@code /work/shared/tools/kernel-anchors/gen_fwd.py} and
 * {@code gen_load.py}, see docs/performance.md), generated the same way so pkttables and the kernel
 * load and run the same files.
 */
public final class KernelForms {
    private KernelForms() {
    }

    /**
     * gen_fwd.py: N × {@code -A FORWARD -s 172.16.x.y/32 -j DROP}, then {@code -A FORWARD -j ACCEPT};
     * no rule matches the benchmark traffic (10.88.0.1 → 10.88.0.2, UDP). Beyond 65,536 rules the
     * second octet counts on (172.17...), which gen_fwd.py never reaches.
     */
    public static String forward(int n) {
        StringBuilder b = new StringBuilder(n * 40 + 200);
        b.append("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int i = 0; i < n; i++) {
            b.append("-A FORWARD -s 172.").append(16 + (i >> 16)).append('.').append((i >> 8) & 255).append('.')
                    .append(i & 255).append("/32 -j DROP\n");
        }
        return b.append("-A FORWARD -j ACCEPT\nCOMMIT\n").toString();
    }

    /** The traffic of the forwarding comparison: iperf3 UDP with 64-byte payloads, 10.88.0.1 → 10.88.0.2. */
    public static byte[] forwardPacket() {
        return ClassBench.frame(0x0a580001, 0x0a580002, 17, 40000, 5201);
    }

    /**
     * gen_load.py N: N rules over 1,000 user chains (N/1000 per chain, the last a RETURN) mixing
     * {@code -s/-d/-p tcp|udp --dport/-m state}, plus 1,000 jumps from INPUT and FORWARD.
     */
    public static String load(int n) {
        int chains = 1000;
        int per = n / chains;
        StringBuilder b = new StringBuilder(n * 70 + chains * 60);
        b.append("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int c = 0; c < chains; c++) {
            b.append(':').append(chain(c)).append(" - [0:0]\n");
        }
        for (int c = 0; c < chains; c++) {
            for (int j = 0; j < per - 1; j++) {
                String a = net(c) + "." + (1 + j % 250);
                String d = "192.168." + (j / 250) + "." + (1 + j % 250);
                int p = 1024 + (c * per + j) % 60000;
                switch (j % 4) {
                    case 0:
                        b.append("-A ").append(chain(c)).append(" -s ").append(a).append("/32 -p tcp -m tcp --dport ")
                                .append(p).append(" -m state --state NEW -j ACCEPT\n");
                        break;
                    case 1:
                        b.append("-A ").append(chain(c)).append(" -d ").append(d).append("/32 -p udp -m udp --dport ")
                                .append(p).append(" -j DROP\n");
                        break;
                    case 2:
                        b.append("-A ").append(chain(c)).append(" -s ").append(a).append("/32 -d ").append(d)
                                .append("/32 -p tcp -m tcp --dport ").append(p).append(" -j ACCEPT\n");
                        break;
                    default:
                        b.append("-A ").append(chain(c)).append(" -p tcp -m tcp --dport ").append(p)
                                .append(" -m state --state RELATED,ESTABLISHED -j ACCEPT\n");
                        break;
                }
            }
            b.append("-A ").append(chain(c)).append(" -j RETURN\n");
        }
        for (int c = 0; c < chains; c += 2) {
            b.append("-A INPUT -s ").append(net(c)).append(".0/24 -j ").append(chain(c)).append('\n');
        }
        for (int c = 1; c < chains; c += 2) {
            b.append("-A FORWARD -s ").append(net(c)).append(".0/24 -j ").append(chain(c)).append('\n');
        }
        return b.append("COMMIT\n").toString();
    }

    /** The user chains of the gen_load form. */
    public static String[] chainNames() {
        String[] n = new String[1000];
        for (int c = 0; c < n.length; c++) {
            n[c] = chain(c);
        }
        return n;
    }

    private static String chain(int c) {
        return String.format("c%04d", c);
    }

    private static String net(int c) {
        return "10." + (100 + c / 250) + "." + (c % 250);
    }
}
