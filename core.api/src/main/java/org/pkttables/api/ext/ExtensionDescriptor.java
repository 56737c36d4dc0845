package org.pkttables.api.ext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;

/**
 * Everything the core and the shell need to know about one match or target: its name, where it may
 * be used, its parameters and help. Parsing, validation, canonical listing, save, help and JSON are
 * generated from it; no extension writes those by hand.
 */
public final class ExtensionDescriptor {
    /** Whether the extension is a match ({@code -m}) or a target ({@code -j}). */
    public enum Kind { MATCH, TARGET, BASE }

    private final String name;
    private final Kind kind;
    private final Set<Family> families;
    private final Set<Hook> hooks;
    private final Set<String> tables;
    private final String protocol;
    private final boolean toolChecksProtocol;
    private final List<Param<?>> params;
    private final String help;
    private final boolean terminal;
    /** Option names and aliases to their parameter: the parsers ask for every option word of every rule. */
    private final java.util.Map<String, Param<?>> byWord;
    private final String listHead;
    private final ListFormatter listFormatter;
    private final List<Param<?>> listOrder;
    private final List<List<Param<?>>> exclusions;
    private final List<List<Param<?>>> requirements;

    private ExtensionDescriptor(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.families = Collections.unmodifiableSet(EnumSet.copyOf(b.families));
        this.hooks = b.hooks.isEmpty() ? Collections.unmodifiableSet(EnumSet.allOf(Hook.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(b.hooks));
        this.tables = Collections.unmodifiableSet(new LinkedHashSet<>(b.tables));
        this.protocol = b.protocol;
        this.toolChecksProtocol = b.toolChecksProtocol;
        this.params = List.copyOf(b.params);
        this.help = b.help;
        this.terminal = b.terminal;
        java.util.Map<String, Param<?>> m = new java.util.HashMap<>();
        for (Param<?> p : params) {
            m.put(p.option(), p);
            for (String a : p.aliases()) {
                m.put(a, p);
            }
        }
        this.byWord = m;
        this.listHead = b.listHead;
        this.listFormatter = b.listFormatter;
        this.listOrder = b.listOrder == null ? params : List.copyOf(b.listOrder);
        this.exclusions = List.copyOf(b.exclusions);
        this.requirements = List.copyOf(b.requirements);
    }

    public static Builder match(String name) {
        return new Builder(name, Kind.MATCH);
    }

    public static Builder target(String name) {
        return new Builder(name, Kind.TARGET);
    }

    /** The base options of a family ({@code -s -d -p -i -o -f}); supplied by its L3 handler. */
    public static Builder base(Family family) {
        return new Builder("", Kind.BASE).families(family);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public Set<Family> families() {
        return families;
    }

    /** Hooks where rules using it may be reached (validated when a chain is bound to a hook). */
    public Set<Hook> hooks() {
        return hooks;
    }

    /** Tables it may be used in; empty means any. */
    public Set<String> tables() {
        return tables;
    }

    /**
     * The L4 protocol name the rule must select with {@code -p} ({@code tcp} for the tcp match), or
     * null. A match with a protocol is also loaded implicitly by {@code -p NAME}, as iptables does.
     */
    public String protocol() {
        return protocol;
    }

    /**
     * Whether iptables' own extension refuses a rule without {@link #protocol()} (a parameter problem, exit
     * 2: libxt_tcp's "requires '-p tcp'"), rather than the kernel when the rule is added (exit 4).
     *
     * @since 1.6.0
     */
    public boolean toolChecksProtocol() {
        return toolChecksProtocol;
    }

    public List<Param<?>> params() {
        return params;
    }

    public String help() {
        return help;
    }

    /** For targets: true when it always ends evaluation (ACCEPT, DROP, REJECT). */
    public boolean terminal() {
        return terminal;
    }

    /** The parameter accepting {@code word} as option name, or null. */
    public Param<?> param(String word) {
        return word == null ? null : byWord.get(word);
    }

    /**
     * What {@code iptables -L} prints before the parameters ({@code tcp}, {@code multiport}, {@code LOG}),
     * {@code ""} for nothing, null when the extension declares no listing (it then lists in save syntax).
     *
     * @since 1.5.0
     */
    public String listHead() {
        return listHead;
    }

    /**
     * The parameters in the order {@code iptables -L} prints them: {@link #params()} unless declared
     * otherwise (conntrack lists {@code ctdir} first, saves it last).
     *
     * @since 1.5.0
     */
    public List<Param<?>> listOrder() {
        return listOrder;
    }

    /**
     * The options that may not be given together, as libxtables' option tables declare them ({@code .excl}):
     * each list is an option followed by the options it excludes, in the order iptables checks them (the
     * extension's option table), so that the first conflict found is the one iptables 1.8.9 names
     * ({@code CONNMARK: option "--set-mark" cannot be used together with "--save-mark".}).
     *
     * @since 1.7.0
     */
    public List<List<Param<?>>> exclusions() {
        return exclusions;
    }

    /**
     * The options that need others, as libxtables' option tables declare them ({@code .also}): each list is an
     * option followed by the options it requires, in the order iptables checks them.
     *
     * @since 1.7.0
     */
    public List<List<Param<?>>> requirements() {
        return requirements;
    }

    /** The formatter of an irregular listing, or null (templates). @since 1.5.0 */
    public ListFormatter listFormatter() {
        return listFormatter;
    }

    /**
     * Whether the extension declares its {@code iptables -L} text: a head, a formatter or a template on
     * a parameter.
     *
     * @since 1.5.0
     */
    public boolean listingDeclared() {
        if (listHead != null || listFormatter != null) {
            return true;
        }
        for (Param<?> p : params) {
            if (p.listTemplate() != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + name + " " + families;
    }

    /** Fluent builder; {@link #build()} checks the result. */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private final Set<Family> families = EnumSet.noneOf(Family.class);
        private final Set<Hook> hooks = EnumSet.noneOf(Hook.class);
        private final Set<String> tables = new LinkedHashSet<>();
        private String protocol;
        private boolean toolChecksProtocol;
        private final List<Param<?>> params = new ArrayList<>();
        private String help = "";
        private boolean terminal;
        private String listHead;
        private ListFormatter listFormatter;
        private List<Param<?>> listOrder;
        private final List<List<Param<?>>> exclusions = new ArrayList<>();
        private final List<List<Param<?>>> requirements = new ArrayList<>();

        private Builder(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        public Builder families(Family... f) {
            Collections.addAll(families, f);
            return this;
        }

        /** Every family that carries IP packets: ipv4 and ipv6 (libxt_* extensions). */
        public Builder ip() {
            return families(Family.IPV4, Family.IPV6);
        }

        public Builder hooks(Hook... h) {
            Collections.addAll(hooks, h);
            return this;
        }

        public Builder tables(String... t) {
            Collections.addAll(tables, t);
            return this;
        }

        public Builder protocol(String proto) {
            this.protocol = proto;
            return this;
        }

        /**
         * {@link #protocol(String)}, which iptables' own extension checks as it parses (see
         * {@link ExtensionDescriptor#toolChecksProtocol()}).
         *
         * @since 1.6.0
         */
        public Builder protocolCheckedByTool(String proto) {
            this.protocol = proto;
            this.toolChecksProtocol = true;
            return this;
        }

        public Builder params(Param<?>... p) {
            Collections.addAll(params, p);
            return this;
        }

        public Builder help(String text) {
            this.help = text;
            return this;
        }

        /**
         * What {@code iptables -L} prints before the parameters' templates ({@code "tcp"}; {@code ""} for
         * nothing).
         *
         * @since 1.5.0
         */
        public Builder listing(String head) {
            this.listHead = java.util.Objects.requireNonNull(head, "head");
            return this;
        }

        /**
         * The listing of an irregular extension, in place of head and templates; templates first.
         *
         * @since 1.5.0
         */
        public Builder listFormatter(ListFormatter f) {
            this.listFormatter = java.util.Objects.requireNonNull(f, "formatter");
            return this;
        }

        /**
         * The order {@code iptables -L} prints the parameters in, when it is not the save order: every
         * parameter once.
         *
         * @since 1.5.0
         */
        public Builder listOrder(Param<?>... order) {
            this.listOrder = List.of(order);
            return this;
        }

        /**
         * {@code option}, when given, excludes each of {@code others} (libxtables' {@code .excl}): the rule is
         * refused naming the first conflict, declarations checked in the order made (the extension's option
         * table order), {@code others} in the order given. Declare both directions only where iptables does.
         *
         * @since 1.7.0
         */
        public Builder excludes(Param<?> option, Param<?>... others) {
            List<Param<?>> l = new ArrayList<>();
            l.add(option);
            Collections.addAll(l, others);
            exclusions.add(List.copyOf(l));
            return this;
        }

        /**
         * Each of {@code options} excludes all the others: {@link #excludes} for each, in the order given.
         *
         * @since 1.7.0
         */
        public Builder exclusive(Param<?>... options) {
            for (Param<?> o : options) {
                List<Param<?>> others = new ArrayList<>();
                for (Param<?> x : options) {
                    if (x != o) {
                        others.add(x);
                    }
                }
                excludes(o, others.toArray(new Param<?>[0]));
            }
            return this;
        }

        /**
         * {@code option}, when given, needs each of {@code others} (libxtables' {@code .also}): the rule is refused
         * naming the first one missing ({@code recent: option "--reap" also requires "--seconds".}).
         *
         * @since 1.7.0
         */
        public Builder alsoRequires(Param<?> option, Param<?>... others) {
            List<Param<?>> l = new ArrayList<>();
            l.add(option);
            Collections.addAll(l, others);
            requirements.add(List.copyOf(l));
            return this;
        }

        public Builder terminal() {
            this.terminal = true;
            return this;
        }

        public ExtensionDescriptor build() {
            if (kind != Kind.BASE && (name == null || name.isEmpty())) {
                throw new IllegalArgumentException("extension needs a name");
            }
            if (families.isEmpty()) {
                throw new IllegalArgumentException("extension " + name + " names no family");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Param<?> p : params) {
                if (!seen.add(p.option())) {
                    throw new IllegalArgumentException("extension " + name + ": option " + p.option() + " twice");
                }
                for (String a : p.aliases()) {
                    if (!seen.add(a)) {
                        throw new IllegalArgumentException("extension " + name + ": option " + a + " twice");
                    }
                }
            }
            List<List<Param<?>>> declared = new ArrayList<>(exclusions);
            declared.addAll(requirements);
            for (List<Param<?>> ex : declared) {
                for (Param<?> p : ex) {
                    if (!params.contains(p)) {
                        throw new IllegalArgumentException("extension " + name + ": option " + p.option()
                                + " is not one of its parameters");
                    }
                }
            }
            if (listOrder != null && (listOrder.size() != params.size() || !listOrder.containsAll(params))) {
                throw new IllegalArgumentException("extension " + name + ": the listing order must name every"
                        + " parameter once");
            }
            return new ExtensionDescriptor(this);
        }
    }
}
