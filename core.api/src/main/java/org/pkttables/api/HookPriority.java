package org.pkttables.api;

/**
 * Named priorities of the hook pipeline, lowest first, as the kernel's NF_IP_PRI_*. Later bundles
 * (conntrack, NAT) register {@link HookFunction}s at these names, so the core never knows them.
 */
public final class HookPriority {
    public static final int CONNTRACK_DEFRAG = -400;
    public static final int RAW = -300;
    public static final int CONNTRACK = -200;
    public static final int MANGLE = -150;
    public static final int NAT_DST = -100;
    public static final int FILTER = 0;
    public static final int SECURITY = 50;
    public static final int NAT_SRC = 100;
    public static final int CONNTRACK_HELPER = 300;
    public static final int CONNTRACK_CONFIRM = Integer.MAX_VALUE;

    private HookPriority() {
    }

    /** Resolves a name ({@code raw}, {@code filter}, {@code conntrack} …) or a number. */
    public static int of(String name) {
        switch (name) {
            case "defrag": return CONNTRACK_DEFRAG;
            case "raw": return RAW;
            case "conntrack": return CONNTRACK;
            case "mangle": return MANGLE;
            case "dstnat": return NAT_DST;
            case "filter": return FILTER;
            case "security": return SECURITY;
            case "srcnat": return NAT_SRC;
            case "helper": return CONNTRACK_HELPER;
            case "confirm": return CONNTRACK_CONFIRM;
            default:
                try {
                    return Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown hook priority '" + name + "'", e);
                }
        }
    }
}
