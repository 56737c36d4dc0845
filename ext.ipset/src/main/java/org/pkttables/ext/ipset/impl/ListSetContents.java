package org.pkttables.ext.ipset.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * {@code list:set}: an ordered list of other sets (its {@code size} is advisory, at least 4, as in
 * the kernel, which does not refuse more members); a packet matches when it matches one of them, in
 * order (a set of the other family is skipped). The member array is copy-on-write: readers iterate the
 * array they loaded. Members are slots, so swapping a member's contents is seen at once.
 */
final class ListSetContents implements SetContents {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /** One member with its entry extensions. */
    static final class Member {
        final SetSlot slot;
        volatile long expiry;
        final long[] counters = new long[2];
        volatile String comment;

        Member(SetSlot slot) {
            this.slot = slot;
        }
    }

    private final CreateOptions opts;
    private final LongSupplier clock;
    private volatile Member[] members = new Member[0];
    /** Resolves member names; set by the registry before each command (its namespace, or a restore's). */
    private Function<String, SetSlot> resolver = n -> null;

    ListSetContents(CreateOptions opts, LongSupplier clock) {
        this.opts = opts;
        this.clock = clock;
    }

    void resolveWith(Function<String, SetSlot> r) {
        this.resolver = r;
    }

    /** True when {@code s} is a member (it counts as a reference to it). */
    boolean contains(SetSlot s) {
        for (Member m : members) {
            if (m.slot == s) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String type() {
        return "list:set";
    }

    @Override
    public int revision() {
        return 3;
    }

    @Override
    public Family family() {
        return null;
    }

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public boolean supportsNomatch() {
        return false;
    }

    @Override
    public String header() {
        StringBuilder sb = new StringBuilder("size ").append(opts.size);
        opts.appendExtensions(sb);
        return sb.toString();
    }

    @Override
    public long memorySize() {
        return 80 + members.length * 64L;
    }

    @Override
    public synchronized int size() {
        expire();
        return members.length;
    }

    @Override
    public SetContents emptyCopy() {
        return new ListSetContents(opts, clock);
    }

    private SetSlot member(String name) {
        SetSlot s = resolver.apply(name);
        if (s == null) {
            throw new SetException("Set to be added/deleted/tested as element does not exist.");
        }
        return s;
    }

    private int indexOf(Member[] ms, SetSlot s) {
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].slot == s) {
                return i;
            }
        }
        return -1;
    }

    private boolean expired(Member m, long now) {
        return m.expiry != 0 && now >= m.expiry;
    }

    @Override
    public synchronized void add(List<String> entry, boolean exist) {
        EntryOptions o = EntryOptions.parse(entry.subList(1, entry.size()), opts, false, true);
        SetSlot s = member(entry.get(0));
        if (s.contents() instanceof ListSetContents) {
            throw new SetException("Sets with list:set type cannot be added to the set.");
        }
        expire();
        Member[] ms = members;
        long now = clock.getAsLong();
        long t = o.timeout >= 0 ? o.timeout : opts.timeout;
        long expiry = t <= 0 ? 0 : now + t * 1000;
        int at = indexOf(ms, s);
        if (at >= 0) {
            if (!exist) {
                throw new SetException("Element cannot be added to the set: it's already added");
            }
            Member m = ms[at];
            m.expiry = expiry;
            m.comment = o.comment;
            if (o.setCounters) {
                LONGS.setOpaque(m.counters, 0, o.packets);
                LONGS.setOpaque(m.counters, 1, o.bytes);
            }
            return;
        }
        int pos = ms.length;
        String ref = o.before != null ? o.before : o.after;
        if (ref != null) {
            int r = indexOf(ms, resolver.apply(ref));
            if (resolver.apply(ref) == null || r < 0) {
                throw new SetException("Reference set does not exist or is not a member.");
            }
            pos = o.before != null ? r : r + 1;
        }
        Member m = new Member(s);
        m.expiry = expiry;
        m.comment = o.comment;
        m.counters[0] = o.packets;
        m.counters[1] = o.bytes;
        Member[] next = new Member[ms.length + 1];
        System.arraycopy(ms, 0, next, 0, pos);
        next[pos] = m;
        System.arraycopy(ms, pos, next, pos + 1, ms.length - pos);
        members = next;
    }

    @Override
    public synchronized void del(String element, boolean exist) {
        SetSlot s = member(element);
        Member[] ms = members;
        int at = indexOf(ms, s);
        if (at < 0 || expired(ms[at], clock.getAsLong())) {
            if (!exist) {
                throw new SetException("Element cannot be deleted from the set: it's not added");
            }
            return;
        }
        remove(at);
    }

    private void remove(int at) {
        Member[] ms = members;
        Member[] next = new Member[ms.length - 1];
        System.arraycopy(ms, 0, next, 0, at);
        System.arraycopy(ms, at + 1, next, at, ms.length - at - 1);
        members = next;
    }

    @Override
    public boolean test(String element) {
        int at = indexOf(members, member(element));
        return at >= 0 && !expired(members[at], clock.getAsLong());
    }

    @Override
    public void appendMembers(StringBuilder out, String linePrefix) {
        long now = clock.getAsLong();
        for (Member m : members) {
            if (expired(m, now)) {
                continue;
            }
            out.append(linePrefix).append(m.slot.name());
            if (opts.timeout >= 0) {
                out.append(" timeout ").append(m.expiry == 0 ? 0 : (m.expiry - now) / 1000);
            }
            if (opts.counters) {
                out.append(" packets ").append(m.counters[0]).append(" bytes ").append(m.counters[1]);
            }
            if (opts.comment && m.comment != null) {
                out.append(" comment \"").append(m.comment).append('"');
            }
            out.append('\n');
        }
    }

    @Override
    public synchronized void expire() {
        long now = clock.getAsLong();
        Member[] ms = members;
        for (int i = ms.length - 1; i >= 0; i--) {
            if (expired(ms[i], now)) {
                remove(i);
            }
        }
    }

    /** The members in order (for reference counting and tests). */
    List<SetSlot> slots() {
        List<SetSlot> out = new ArrayList<>();
        for (Member m : members) {
            out.add(m.slot);
        }
        return out;
    }

    /** The member's contents when it may answer for {@code p}: not expired, and of the packet's family. */
    private SetContents candidate(Member m, long now, PacketContext p) {
        if (opts.timeout >= 0 && expired(m, now)) {
            return null;
        }
        SetContents c = m.slot.contents();
        Family f = c.family();
        return f != null && f != p.family() ? null : c;
    }

    /**
     * A hit on member {@code m}: false when the rule's counter conditions fail on the member's counters
     * (the next member is tried), else true, after counting the packet when the rule asks for it.
     */
    private boolean counted(Member m, SetLookup spec, PacketContext p) {
        if (opts.counters) {
            if (spec.hasCounterConditions() && !spec.countersPass((long) LONGS.getOpaque(m.counters, 0),
                    (long) LONGS.getOpaque(m.counters, 1))) {
                return false;
            }
            if (spec.updateCounters()) {
                LONGS.getAndAdd(m.counters, 0, 1L);
                LONGS.getAndAdd(m.counters, 1, (long) Packets.length(p));
            }
        }
        return true;
    }

    /** The first member that matches gives the skbinfo (the list's own entries carry none here). */
    @Override
    public boolean lookupSkbinfo(PacketContext p, SetLookup spec, long[] out, int at) {
        Member[] ms = members;
        long now = opts.timeout >= 0 ? clock.getAsLong() : 0;
        SetLookup inner = spec.member();
        for (int i = 0; i < ms.length; i++) {
            SetContents c = candidate(ms[i], now, p);
            if (c != null && c.lookupSkbinfo(p, inner, out, at) && counted(ms[i], spec, p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int lookup(PacketContext p, SetLookup spec) {
        Member[] ms = members;
        long now = opts.timeout >= 0 ? clock.getAsLong() : 0;
        SetLookup inner = spec.member();
        for (int i = 0; i < ms.length; i++) {
            SetContents c = candidate(ms[i], now, p);
            // A member's nomatch entry is no match here: --return-nomatch applies to the list itself.
            if (c != null && c.lookup(p, inner) == MATCH && counted(ms[i], spec, p)) {
                return MATCH;
            }
        }
        return MISS;
    }

    @Override
    public boolean addFrom(PacketContext p, SetLookup spec, long timeout, boolean exist) {
        for (Member m : members) {
            SetContents c = m.slot.contents();
            if ((c.family() == null || c.family() == p.family()) && c.addFrom(p, spec, timeout, exist)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean delFrom(PacketContext p, SetLookup spec) {
        for (Member m : members) {
            if (m.slot.contents().delFrom(p, spec)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "list:set " + Arrays.toString(members);
    }
}
