package org.pkttables.l3.common;

import java.util.List;
import java.util.function.Predicate;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;

/**
 * The base options iptables and ip6tables treat alike: what the tools leave out of a listing because it
 * matches everything (a {@code /0} address, {@code -p all}, {@code -i +}), the negations of those they refuse
 * as never matching, and the compiled {@code -i -o -p}. One instance per family, over its own parameters;
 * the address type {@code P} (an IPv4 or IPv6 prefix) is the only difference.
 *
 * @param <P> the family's address prefix type
 */
public final class BaseOptions<P> {
    private final Param<P> source;
    private final Param<P> destination;
    private final Param<Integer> protocol;
    private final Param<String> inIface;
    private final Param<String> outIface;
    private final Predicate<P> matchesAll;

    public BaseOptions(Param<P> source, Param<P> destination, Param<Integer> protocol, Param<String> inIface,
            Param<String> outIface, Predicate<P> matchesAll) {
        this.source = source;
        this.destination = destination;
        this.protocol = protocol;
        this.inIface = inIface;
        this.outIface = outIface;
        this.matchesAll = matchesAll;
    }

    /** Drops what the real tools do not list because it matches everything (unless negated). */
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder();
        for (Param<P> a : List.of(source, destination)) {
            if (args.has(a) && !args.inverted(a) && matchesAll.test(args.get(a))) {
                b.remove(a);
            }
        }
        if (args.has(protocol) && !args.inverted(protocol) && args.get(protocol) == 0) {
            b.remove(protocol);
        }
        for (Param<String> i : List.of(inIface, outIface)) {
            if (args.has(i) && !args.inverted(i) && "+".equals(args.get(i))) {
                b.remove(i);
            }
        }
        return b.build();
    }

    /**
     * The canonical form of a rule's base options, refusing a negated {@code /0} address or {@code -p all}
     * (they would never match).
     */
    public Args checked(Args a) {
        Args c = canonicalize(a);
        for (Param<P> p : List.of(source, destination)) {
            if (c.has(p) && c.inverted(p) && matchesAll.test(c.get(p))) {
                throw new IllegalArgumentException("! " + p.option() + " " + c.get(p) + " never matches");
            }
        }
        if (c.has(protocol) && c.inverted(protocol) && c.get(protocol) == 0) {
            throw new IllegalArgumentException("! -p all: rule would never match protocol");
        }
        return c;
    }

    /** The compiled {@code -i -o -p} of canonical options {@code c}. */
    public IfacesAndProtocol ifacesAndProtocol(Args c) {
        return new IfacesAndProtocol(c, inIface, outIface, protocol);
    }
}
