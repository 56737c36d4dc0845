package org.pkttables.ext.targets.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code HMARK} target (libxt_HMARK): sets the mark to a hash of the packet's addresses, ports and
 * protocol, scaled into {@code offset .. offset+mod-1}. {@code --hmark-tuple} is shorthand for full masks
 * and is listed as them (only {@code ct} stays); listed as iptables 1.8.9 does.
 *
 * <p>{@code --hmark-tuple ct} asks the kernel to hash the conntrack tuple; since the hash is the same for
 * both directions, that equals the packet's own fields for connections without NAT, which is what this
 * implementation hashes. The kernel's use of the inner header of ICMP errors is not reproduced.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=HMARK")
public final class HmarkTargetType extends DescribedExtension implements TargetType {
    static final int T_SRC = 1;
    static final int T_DST = 2;
    static final int T_SPORT = 4;
    static final int T_DPORT = 8;
    static final int T_SPI = 16;
    static final int T_PROTO = 32;
    static final int T_CT = 64;

    /** {@code --hmark-offset}: decimal as given and saved, hex in {@code -L} ({@code + 0x3e8}). */
    private static final ParamType<Long> HEX_LISTED_UINT = ParamTypes.listedAs(ParamTypes.uint(0, 0xFFFFFFFFL),
            (v, ctx) -> List.of("0x" + Long.toHexString(v)));

    static final Param<Long> SRC_PREFIX = Param.of("--hmark-src-prefix", ParamTypes.prefixLengthOrMask()).listed("src-prefix {v}")
            .help("length (or netmask) of the source address part hashed");
    static final Param<Long> DST_PREFIX = Param.of("--hmark-dst-prefix", ParamTypes.prefixLengthOrMask()).listed("dst-prefix {v}")
            .help("length (or netmask) of the destination address part hashed");
    static final Param<Long> SPI_MASK = Param.of("--hmark-spi-mask", new HexType(0xFFFFFFFFL, "%08x")).listed("spi-mask {v}")
            .help("mask of the ESP/AH SPI hashed");
    static final Param<Long> SPORT_MASK = Param.of("--hmark-sport-mask", new HexType(0xFFFF, "%04x")).listed("sport-mask {v}")
            .help("mask of the source port hashed");
    static final Param<Long> DPORT_MASK = Param.of("--hmark-dport-mask", new HexType(0xFFFF, "%04x")).listed("dport-mask {v}")
            .help("mask of the destination port hashed");
    static final Param<Long> PROTO_MASK = Param.of("--hmark-proto-mask", new HexType(0xFFFF, "%02x")).listed("proto-mask {v}")
            .help("mask of the protocol number hashed");
    static final Param<Long> RND = Param.of("--hmark-rnd", new HexType(0xFFFFFFFFL, "%08x")).listed("rnd {v} ")
            .help("random seed of the hash");
    static final Param<Long> MOD = Param.of("--hmark-mod", ParamTypes.uint(1, 0xFFFFFFFFL)).listed("mod {v}")
            .help("number of distinct marks");
    static final Param<Long> OFFSET = Param.of("--hmark-offset", HEX_LISTED_UINT).listed("+ {v}")
            .help("first mark (default 0)");
    static final Param<Integer> TUPLE = Param.of("--hmark-tuple", new TupleType()).listed("{v},")
            .help("fields hashed: src,dst,sport,dport,spi,proto,ct");

    public HmarkTargetType() {
        super(ExtensionDescriptor.target("HMARK").ip()
                .params(SRC_PREFIX, DST_PREFIX, SPI_MASK, SPORT_MASK, DPORT_MASK, PROTO_MASK, RND, MOD, OFFSET, TUPLE)
                // -L (HMARK_print): "HMARK mod 10 + 0x5 ct, src-prefix 32 sport-mask 0xffff rnd 0x1 "
                .listing("HMARK").listOrder(MOD, OFFSET, TUPLE, SRC_PREFIX, DST_PREFIX, SPI_MASK, SPORT_MASK,
                        DPORT_MASK, PROTO_MASK, RND)
                .help("HMARK: set the mark to a hash of addresses, ports and protocol (non-terminating)").build());
    }

    @Override
    public Args canonicalize(Args args) {
        // --hmark-rnd and --hmark-mod are required, checked here (not declared mandatory): libxt_HMARK's own
        // final check says so in its words before libxtables' generic one would
        if (!args.has(RND)) {
            throw new ParameterProblem("HMARK: --hmark-rnd is mandatory", "--hmark-rnd is mandatory");
        }
        if (!args.has(MOD)) {
            throw new ParameterProblem("HMARK: --hmark-mod is mandatory", "--hmark-mod is mandatory");
        }
        boolean v6 = args.family() == Family.IPV6;
        long full = v6 ? 128 : 32;
        int tuple = args.getOr(TUPLE, 0);
        Args.Builder b = args.toBuilder();
        b.remove(TUPLE);
        // A tuple field stands for its full mask (and wins over an explicit one, as when given after it).
        if ((tuple & T_SRC) != 0) {
            b.put(SRC_PREFIX, full);
        }
        if ((tuple & T_DST) != 0) {
            b.put(DST_PREFIX, full);
        }
        if ((tuple & T_SPORT) != 0) {
            b.put(SPORT_MASK, 0xFFFFL);
        }
        if ((tuple & T_DPORT) != 0) {
            b.put(DPORT_MASK, 0xFFFFL);
        }
        if ((tuple & T_SPI) != 0) {
            b.put(SPI_MASK, 0xFFFFFFFFL);
        }
        if ((tuple & T_PROTO) != 0) {
            b.put(PROTO_MASK, 0xFFFFL);
        }
        if ((tuple & T_CT) != 0) {
            b.put(TUPLE, T_CT);
        }
        for (Param<Long> p : List.of(SRC_PREFIX, DST_PREFIX)) {
            if (b.has(p)) {
                long len = b.build().get(p);
                if (v6 && len > 128) {
                    throw ParameterProblem.of("HMARK: bad value for option \"" + p.option()
                            + "\", neither a valid network mask nor valid CIDR (0-128).\n");
                }
                b.put(p, Math.min(len, full));
            }
        }
        Args out = b.build();
        if (!out.has(TUPLE) && !out.has(SRC_PREFIX) && !out.has(DST_PREFIX) && !out.has(SPI_MASK)
                && !out.has(SPORT_MASK) && !out.has(DPORT_MASK) && !out.has(PROTO_MASK)) {
            throw new IllegalArgumentException("HMARK: you have to specify --hmark-tuple at least");
        }
        if (out.has(SPI_MASK) && (out.has(SPORT_MASK) || out.has(DPORT_MASK))) {
            throw new IllegalArgumentException("HMARK: you cannot use --hmark-spi-mask and --hmark-?port-mask,"
                    + " at the same time");
        }
        return out;
    }

    @Override
    public Target compile(Args args) {
        Args a = canonicalize(args);
        boolean v6 = a.family() == Family.IPV6;
        int portMask = a.has(SPI_MASK) ? (int) a.get(SPI_MASK).longValue()
                : (int) ((a.getOr(SPORT_MASK, 0L) << 16) | a.getOr(DPORT_MASK, 0L));
        return new HmarkTarget(v6, mask(v6, a.getOr(SRC_PREFIX, 0L)), mask(v6, a.getOr(DST_PREFIX, 0L)), portMask,
                (int) a.getOr(PROTO_MASK, 0L).longValue(), (int) a.get(RND).longValue(), a.get(MOD),
                (int) a.getOr(OFFSET, 0L).longValue());
    }

    /** The four host-order words of a prefix mask; IPv4 only in the last. */
    private static int[] mask(boolean v6, long len) {
        if (!v6) {
            return new int[] {0, 0, 0, (int) InetText.ipv4Mask((int) len)};
        }
        long hi = InetText.ipv6MaskHi((int) len);
        long lo = InetText.ipv6MaskLo((int) len);
        return new int[] {(int) (hi >>> 32), (int) hi, (int) (lo >>> 32), (int) lo};
    }

    /** A prefix length, or a contiguous netmask read as its length. */

    /** A number 0..max listed in hex with the tool's width. */
    private static final class HexType extends ParamType<Long> {
        private final long max;
        private final String fmt;

        HexType(long max, String fmt) {
            super("number", 1);
            this.max = max;
            this.fmt = fmt;
        }

        @Override
        public Long parse(List<String> words) {
            long v = ParamTypes.parseUnsigned(words.get(0));
            if (v > max) {
                throw ParameterProblem.ofOption("HMARK: value \"" + words.get(0) + "\" out of range (0-" + max + ")", "%1$s: bad value for option \"%2$s\", or out of range (0-" + max + ").\n");
            }
            return v;
        }

        @Override
        public List<String> format(Long v) {
            return List.of("0x" + String.format(Locale.ROOT, fmt, v));
        }

        /** {@code -L}: hex without leading zeros ({@code rnd 0x1}). */
        @Override
        public List<String> listed(Long v, org.pkttables.api.ext.ListContext ctx) {
            return List.of("0x" + Long.toHexString(v));
        }
    }

    /** The comma list of --hmark-tuple as bits. */
    private static final class TupleType extends ParamType<Integer> {
        private static final List<String> NAMES = List.of("src", "dst", "sport", "dport", "spi", "proto", "ct");

        TupleType() {
            super("src,dst,sport,dport,spi,proto,ct", 1);
        }

        @Override
        public Integer parse(List<String> words) {
            int bits = 0;
            for (String t : words.get(0).split(",", -1)) {
                int i = NAMES.indexOf(t);
                if (i < 0) {
                    throw new IllegalArgumentException("HMARK: bad --hmark-tuple type \"" + t + "\"");
                }
                bits |= 1 << i;
            }
            return bits;
        }

        @Override
        public List<String> format(Integer bits) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < NAMES.size(); i++) {
                if ((bits & (1 << i)) != 0) {
                    out.add(NAMES.get(i));
                }
            }
            return List.of(String.join(",", out));
        }

        @Override
        public List<String> validValues() {
            return NAMES;
        }
    }
}
