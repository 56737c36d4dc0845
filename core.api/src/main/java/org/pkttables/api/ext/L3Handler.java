package org.pkttables.api.ext;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;

/**
 * A family's packet parser, base rule options and built-in tables, registered as a service with
 * property {@link #FAMILY} (ipv4, ipv6, arp, bridge). The core knows no L3 protocol and no family's
 * tables itself.
 */
@ConsumerType
public interface L3Handler {
    /** Service property naming the family ({@link Family#id()}). */
    String FAMILY = "pkttables.family";

    Family family();

    /**
     * The family's built-in tables with their built-in chains, hook priorities and policies, in the order
     * the family's -save tool prints them. The core takes them from the family's first handler and keeps
     * them (with their rules) while no handler is registered. Default: none, which leaves the family
     * without tables: a family handler overrides it.
     */
    default List<TableDescriptor> tables() {
        return List.of();
    }

    /**
     * Fills in the L3/L4 offsets, protocol and fragment info of the packet whose L3 header starts at
     * {@code l3Offset}, reading the frame in place. Never throws on bad bytes: a truncated or
     * inconsistent header sets {@link PacketContext#setMalformed} and returns false.
     */
    boolean parse(PacketContext p, int l3Offset);

    /**
     * The base options of a rule of this family, in the order listing prints them ({@code -s -d -i
     * -o -p -f} for ipv4). The parameter written {@code -p} must have an {@code Integer} protocol
     * number as value.
     */
    ExtensionDescriptor baseDescriptor();

    /**
     * The canonical form of the base options, as the family's tool lists them: options that match
     * everything ({@code -s 0/0}, {@code -p all}, {@code -i +}) removed, addresses masked. Default: unchanged.
     */
    default Args canonicalize(Args args) {
        return args;
    }

    /** True when the family's tool lists the target before the matches ({@code arptables -S}). */
    default boolean targetFirst() {
        return false;
    }

    /** Compiles the base options of one rule; null when there is nothing to match. */
    Match compileBase(Args args);

    /** The protocol number for a {@code -p} name of this family ({@code tcp} → 6), or -1. */
    int protocolNumber(String name);
}
