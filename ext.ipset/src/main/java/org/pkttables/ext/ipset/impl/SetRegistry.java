package org.pkttables.ext.ipset.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetService;
import org.pkttables.ext.ipset.api.SetType;

/**
 * The sets of the appliance by name, as the kernel's ipset core keeps them: an index of slots
 * (listing order; a destroyed set frees its index for the next one), list:set sets listed last.
 * Commands are serialised by one lock; the packet path never takes it (rules hold their
 * {@link SetSlot}). A set that a rule or a list:set uses cannot be destroyed or renamed.
 */
public class SetRegistry implements SetService {
    static final int MAX_NAME = 31;
    private static final Set<String> LIST_OPTIONS = Set.of("size", "timeout", "counters", "comment", "skbinfo");

    private final Object lock = new Object();
    private final List<SetSlot> index = new ArrayList<>();
    private final Map<String, SetSlot> byName = new HashMap<>();
    private final Map<String, SetType> types = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile Supplier<Ruleset> ruleset = () -> null;
    private volatile Runnable onChange = () -> {
    };

    /** @param clock milliseconds of a monotonic clock (entry timeouts) */
    public SetRegistry(LongSupplier clock) {
        this.clock = clock;
        for (HashSetType t : HashSetType.builtIn()) {
            types.put(t.name(), t);
        }
        types.put("bitmap:ip", new BitmapSetType("bitmap:ip"));
        types.put("bitmap:ip,mac", new BitmapSetType("bitmap:ip,mac"));
        types.put("bitmap:port", new BitmapSetType("bitmap:port"));
    }

    /** The monotonic clock in milliseconds that entries expire by. */
    public static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** Where rule references come from (the ruleset, when there is one). */
    public void useRuleset(Supplier<Ruleset> r) {
        this.ruleset = r;
    }

    /** Called after every change made through the service (persistence). */
    void onChange(Runnable r) {
        this.onChange = r;
    }

    /** Writes the sets to disk before returning (the state file's synchronous save; none without one). */
    interface Durability {
        void save() throws IOException;
    }

    private volatile Durability durability = () -> {
    };

    void durability(Durability d) {
        this.durability = d;
    }

    /**
     * Returns once every change made so far is on disk, so a command acknowledges only what a crash
     * cannot take back; changes of concurrent commands are folded into whichever write comes first.
     */
    void awaitDurable() throws IOException {
        durability.save();
    }

    void addType(SetType t) {
        types.putIfAbsent(t.name(), t);
    }

    void removeType(SetType t) {
        types.remove(t.name(), t);
    }

    LongSupplier clock() {
        return clock;
    }

    /** The slot of a set for a rule to hold, or null. */
    SetSlot slot(String name) {
        synchronized (lock) {
            return byName.get(name);
        }
    }

    /** The current contents of a set (benchmarks and tools that look packets up directly). */
    public SetContents contents(String name) {
        synchronized (lock) {
            return existing(name).contents();
        }
    }

    private SetSlot existing(String name) {
        SetSlot s = byName.get(name);
        if (s == null) {
            throw new SetException("The set with the given name does not exist");
        }
        return s;
    }

    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new SetException("Syntax error: setname must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw new SetException("Syntax error: setname '" + name + "' is longer than " + MAX_NAME + " characters");
        }
    }

    /** Makes the contents of a new set of {@code type}. */
    SetContents make(String type, List<String> options) {
        if (type.equals("list:set")) {
            CreateOptions o = CreateOptions.parse(options, LIST_OPTIONS);
            o.size = Math.max(o.size, 4);
            return new ListSetContents(o, clock);
        }
        SetType t = types.get(type);
        if (t == null) {
            throw new SetException("Syntax error: typename '" + type + "' is unknown");
        }
        return t.create(options, clock);
    }

    /** Whether an existing set may stand for a -exist create: same type and the same options that matter. */
    static boolean sameSet(SetContents a, SetContents b) {
        return a.type().equals(b.type()) && a.family() == b.family()
                && significant(a.header()).equals(significant(b.header()));
    }

    private static String significant(String header) {
        // The kernel ignores the hash size (resizing changes it) and the hash seed when comparing.
        return header.replaceAll(" ?(hashsize|bucketsize|initval) \\S+", "");
    }

    @Override
    public void create(String name, String type, List<String> options, boolean exist) {
        checkName(name);
        synchronized (lock) {
            SetContents c = make(type, options);
            SetSlot old = byName.get(name);
            if (old != null) {
                if (exist && sameSet(old.contents(), c)) {
                    return;
                }
                throw new SetException("Set cannot be created: set with the same name already exists");
            }
            register(new SetSlot(name, c));
        }
        onChange.run();
    }

    private void register(SetSlot s) {
        int free = index.indexOf(null);
        if (free < 0) {
            index.add(s);
        } else {
            index.set(free, s);
        }
        byName.put(s.name(), s);
    }

    private void unregister(SetSlot s) {
        index.set(index.indexOf(s), null);
        byName.remove(s.name());
        while (!index.isEmpty() && index.get(index.size() - 1) == null) {
            index.remove(index.size() - 1);
        }
    }

    @Override
    public void destroy(String name) {
        synchronized (lock) {
            List<SetSlot> victims = name == null ? sets() : List.of(existing(name));
            for (SetSlot s : victims) {
                // Destroying every set takes the list:sets too, so then only rules hold a set.
                int refs = name == null ? ruleReferences(s.name()) : references(s, byName.values());
                if (refs > 0) {
                    throw new SetException("Set cannot be destroyed: it is in use by a kernel component");
                }
            }
            for (SetSlot s : victims) {
                unregister(s);
            }
        }
        onChange.run();
    }

    @Override
    public void rename(String from, String to) {
        checkName(to);
        synchronized (lock) {
            SetSlot s = existing(from);
            if (byName.containsKey(to)) {
                throw new SetException("Set cannot be renamed: a set with the new name already exists");
            }
            if (references(s, byName.values()) > 0) {
                throw new SetException("Set cannot be renamed: it is in use by another system");
            }
            byName.remove(from);
            s.rename(to);
            byName.put(to, s);
        }
        onChange.run();
    }

    @Override
    public void swap(String a, String b) {
        synchronized (lock) {
            SetSlot x = existing(a);
            SetSlot y = existing(b);
            checkSwap(x.contents(), y.contents());
            SetContents cx = x.contents();
            x.replace(y.contents());
            y.replace(cx);
        }
        onChange.run();
    }

    static void checkSwap(SetContents x, SetContents y) {
        if (!x.type().equals(y.type()) || x.family() != y.family()) {
            throw new SetException("The sets cannot be swapped: their type does not match");
        }
    }

    @Override
    public void flush(String name) {
        synchronized (lock) {
            for (SetSlot s : name == null ? sets() : List.of(existing(name))) {
                s.replace(s.contents().emptyCopy());
            }
        }
        onChange.run();
    }

    /** The contents of set {@code name} (refused when there is none), a list's members resolved; under the lock. */
    private SetContents withMembers(String name) {
        SetContents c = existing(name).contents();
        resolveMembers(c, byName::get);
        return c;
    }

    @Override
    public void add(String name, List<String> entry, boolean exist) {
        if (entry.isEmpty()) {
            throw new SetException("Missing mandatory argument to command add", true);
        }
        synchronized (lock) {
            withMembers(name).add(entry, exist);
        }
        onChange.run();
    }

    @Override
    public void del(String name, String element, boolean exist) {
        synchronized (lock) {
            withMembers(name).del(element, exist);
        }
        onChange.run();
    }

    @Override
    public boolean test(String name, String element) {
        synchronized (lock) {
            return withMembers(name).test(element);
        }
    }

    static void resolveMembers(SetContents c, Function<String, SetSlot> names) {
        if (c instanceof ListSetContents) {
            ((ListSetContents) c).resolveWith(names);
        }
    }

    /** The element as ipset prints it in the answer of test. */
    String canonical(String name, String element) {
        synchronized (lock) {
            return existing(name).contents().canonical(element);
        }
    }

    @Override
    public List<String> names() {
        synchronized (lock) {
            return sets().stream().map(SetSlot::name).toList();
        }
    }

    /** The sets in listing order: by index, list:set sets last (so a restore creates members first). */
    private List<SetSlot> sets() {
        List<SetSlot> out = new ArrayList<>();
        List<SetSlot> lists = new ArrayList<>();
        for (SetSlot s : index) {
            if (s != null) {
                (s.contents() instanceof ListSetContents ? lists : out).add(s);
            }
        }
        out.addAll(lists);
        return out;
    }

    @Override
    public String list(String name, ListFormat format) {
        synchronized (lock) {
            List<SetSlot> sets = name == null ? sets() : List.of(existing(name));
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (SetSlot s : sets) {
                SetContents c = s.contents();
                switch (format) {
                    case NAME:
                        sb.append(s.name()).append('\n');
                        break;
                    case SAVE:
                        sb.append("create ").append(s.name()).append(' ').append(c.type()).append(' ')
                                .append(c.header()).append('\n');
                        c.appendMembers(sb, "add " + s.name() + " ");
                        break;
                    default:
                        if (!first) {
                            sb.append('\n');
                        }
                        int size = c.size();
                        sb.append("Name: ").append(s.name()).append('\n');
                        sb.append("Type: ").append(c.type()).append('\n');
                        sb.append("Revision: ").append(c.revision()).append('\n');
                        sb.append("Header: ").append(c.header()).append('\n');
                        sb.append("Size in memory: ").append(c.memorySize()).append('\n');
                        sb.append("References: ").append(references(s, byName.values())).append('\n');
                        sb.append("Number of entries: ").append(size).append('\n');
                        if (format == ListFormat.PLAIN) {
                            sb.append("Members:\n");
                            c.appendMembers(sb, "");
                        }
                }
                first = false;
            }
            return sb.toString();
        }
    }

    /**
     * The sets ({@code name}, or all when null) as {@code ipset list --json} shows them: the header
     * fields of {@link #list}, and the members (each as its list line) unless {@code terse}.
     */
    java.util.List<java.util.Map<String, Object>> describe(String name, boolean terse) {
        synchronized (lock) {
            java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
            for (SetSlot s : name == null ? sets() : List.of(existing(name))) {
                SetContents c = s.contents();
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("name", s.name());
                m.put("type", c.type());
                m.put("revision", c.revision());
                m.put("header", c.header());
                m.put("memory", c.memorySize());
                m.put("references", references(s, byName.values()));
                m.put("entries", c.size());
                if (!terse) {
                    StringBuilder sb = new StringBuilder();
                    c.appendMembers(sb, "");
                    java.util.List<String> members = new java.util.ArrayList<>();
                    for (String line : sb.toString().split("\n")) {
                        if (!line.isEmpty()) {
                            members.add(line);
                        }
                    }
                    m.put("members", members);
                }
                out.add(m);
            }
            return out;
        }
    }

    @Override
    public void restore(String text, boolean exist) {
        synchronized (lock) {
            Map<String, SetSlot> live = new LinkedHashMap<>();
            for (SetSlot s : sets()) {
                live.put(s.name(), s);
            }
            RestoreBatch batch = new RestoreBatch(this, live);
            batch.run(text, exist);
            commit(batch);
        }
        onChange.run();
    }

    private void commit(RestoreBatch batch) {
        Map<String, RestoreBatch.Staged> result = batch.result();
        Set<SetSlot> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (RestoreBatch.Staged st : result.values()) {
            kept.add(st.slot);
        }
        for (SetSlot s : new ArrayList<>(byName.values())) {
            if (!kept.contains(s)) {
                unregister(s);
            }
        }
        byName.clear();
        for (Map.Entry<String, RestoreBatch.Staged> e : result.entrySet()) {
            RestoreBatch.Staged st = e.getValue();
            st.slot.rename(e.getKey());
            if (st.contents != null && st.contents != st.slot.contents()) {
                st.slot.replace(st.contents);
            }
            if (st.fresh) {
                register(st.slot);
            } else {
                byName.put(e.getKey(), st.slot);
            }
        }
    }

    /** Drops expired entries everywhere (the periodic clean-up). */
    void expireAll() {
        List<SetSlot> all;
        synchronized (lock) {
            all = sets();
        }
        for (SetSlot s : all) {
            s.contents().expire();
        }
    }

    /** How many rules and list:sets use {@code s} (the listing's {@code References}). */
    int references(SetSlot s, Iterable<SetSlot> namespace) {
        int n = ruleReferences(s.name());
        for (SetSlot o : namespace) {
            if (o.contents() instanceof ListSetContents && ((ListSetContents) o.contents()).contains(s)) {
                n++;
            }
        }
        return n;
    }

    /** The rules of every IP table that name the set in a set match or SET target. */
    int ruleReferences(String name) {
        Ruleset r = ruleset.get();
        if (r == null) {
            return 0;
        }
        int n = 0;
        for (Family f : List.of(Family.IPV4, Family.IPV6)) {
            List<String> tables;
            try {
                tables = r.tables(f);
            } catch (IllegalArgumentException e) {
                continue; // no handler for this family: no rules either
            }
            for (String t : tables) {
                TableInfo ti;
                try {
                    ti = r.table(f, t);
                } catch (RulesetException e) {
                    continue; // the table went away since tables() listed it
                }
                for (ChainInfo c : ti.chains()) {
                    for (RuleInfo ri : c.rules()) {
                        n += uses(ri.spec(), name);
                    }
                }
            }
        }
        return n;
    }

    private static int uses(RuleSpec spec, String name) {
        if (spec == null) {
            return 0;
        }
        int n = 0;
        for (RuleSpec.Call m : spec.matches()) {
            if (m.name().equals("set")) {
                n += named(m.words(), name, "--match-set", "--set");
            }
        }
        if (spec.target() != null && spec.target().name().equals("SET")) {
            n += named(spec.target().words(), name, "--add-set", "--del-set", "--map-set");
        }
        return n;
    }

    private static int named(List<String> words, String name, String... options) {
        int n = 0;
        for (int i = 0; i + 1 < words.size(); i++) {
            for (String o : options) {
                if (words.get(i).equals(o) && words.get(i + 1).equals(name)) {
                    n++;
                }
            }
        }
        return n;
    }
}
