package org.pkttables.ext.ipset.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;

/**
 * The members of one set, made by its {@link SetType}. The name lives outside (rename and swap move
 * contents between names), so a rule keeps using the same name while the contents change under it.
 *
 * <p>Writers (add, del, expire, the SET target) are serialised by the implementation with a lock of its
 * own; {@link #lookup} is the packet path: it takes no lock, allocates nothing and is safe while
 * writers run.
 */
@ConsumerType
public interface SetContents {
    /** {@link #lookup} results. */
    int MISS = 0;
    int MATCH = 1;
    /** Found a {@code nomatch} entry: a match only for {@code --return-nomatch}. */
    int NOMATCH = 2;

    /** The type name ({@code hash:ip}). */
    String type();

    int revision();

    /** IPV4 or IPV6; null for sets that hold no addresses of one family (bitmap:port, hash:mac, list:set). */
    Family family();

    /** Number of dimensions of an element ({@code hash:ip,port} has 2). */
    int dimension();

    /** True when entries may be {@code nomatch} (the net types). */
    boolean supportsNomatch();

    /** The text after {@code Header: } in a listing, and after the type in a create line. */
    String header();

    /** Bytes the set occupies, roughly. */
    long memorySize();

    /** Entries (expired ones not counted). */
    int size();

    /** A new, empty set with the same create options. */
    SetContents emptyCopy();

    /**
     * Adds an entry given as the ipset command line gives it: the element, then its options
     * ({@code timeout 60}, {@code comment "x"}, {@code nomatch} …). A range or prefix in a type
     * that stores single elements adds each of them.
     *
     * @param exist renew an existing entry instead of failing
     */
    void add(List<String> entry, boolean exist);

    void del(String element, boolean exist);

    boolean test(String element);

    /** The element as ipset prints it in messages ({@code 10.0.0.7,tcp:80} for {@code 10.0.0.7,80}). */
    default String canonical(String element) {
        return element;
    }

    /** Appends one line per live entry: {@code linePrefix}, the entry in save syntax, a newline. */
    void appendMembers(StringBuilder out, String linePrefix);

    /** Drops expired entries (a periodic clean-up; lookups ignore them anyway). */
    void expire();

    /** The packet path: {@link #MISS}, {@link #MATCH} or {@link #NOMATCH}. */
    int lookup(PacketContext p, SetLookup spec);

    /**
     * Adds the element the packet gives (the SET target). Never throws: a set that is full or a packet
     * without the fields the set needs changes nothing.
     *
     * @param timeout seconds, or -1 for the set's default
     * @return true when the element is in the set afterwards
     */
    boolean addFrom(PacketContext p, SetLookup spec, long timeout, boolean exist);

    /** Deletes the element the packet gives; true when there was one. */
    boolean delFrom(PacketContext p, SetLookup spec);

    /**
     * The SET target's {@code --map-set}: looks the packet up as {@link #lookup} does and, on a match,
     * writes the entry's skbinfo to {@code out[at]} (mark), {@code out[at+1]} (mark mask), {@code out[at+2]}
     * (priority, major &lt;&lt; 16 | minor) and {@code out[at+3]} (queue); zeros for a set without skbinfo,
     * as the kernel leaves them. Hot path: allocates nothing. The default serves set types without
     * skbinfo.
     *
     * @return true on a match (a nomatch entry is no match)
     * @since 1.1.0
     */
    default boolean lookupSkbinfo(PacketContext p, SetLookup spec, long[] out, int at) {
        if (lookup(p, spec) != MATCH) {
            return false;
        }
        out[at] = 0;
        out[at + 1] = 0;
        out[at + 2] = 0;
        out[at + 3] = 0;
        return true;
    }
}
