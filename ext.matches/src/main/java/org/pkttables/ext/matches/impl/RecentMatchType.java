package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code recent} match (libxt_recent revision 1): remembers addresses in named lists and asks
 * whether, how often and how recently an address was seen. Every rule naming a list shares one
 * {@link RecentTable}, held here by name for as long as this component lives (the kernel keeps it while a
 * rule uses it). Listed as iptables 1.8.9 does: the defaults {@code --name DEFAULT}, the full
 * {@code --mask} and {@code --rsource} always printed, {@code --hitcount 0} never, {@code --seconds} as a
 * signed 32-bit number.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=recent")
public final class RecentMatchType extends ClockedMatchType {
    /** ip_list_tot: addresses per list. */
    static final int LIST_TOT = 100;
    /** ip_pkt_list_tot: sightings kept per address unless a rule's --hitcount needs more. */
    static final int PKT_LIST_TOT = 20;
    /** XT_RECENT_MAX_NSTAMPS: the most sightings an address keeps. */
    static final int MAX_NSTAMPS = 256;
    static final String DEFAULT_NAME = "DEFAULT";

    static final Param<Boolean> SET = Param.of("--set", ParamTypes.flag()).invertible()
            .listed("{! }recent: SET").help("add the address to the list (or refresh it); matches");
    static final Param<Boolean> RCHECK = Param.of("--rcheck", ParamTypes.flag()).invertible()
            .listed("{! }recent: CHECK").help("match if the address is in the list");
    static final Param<Boolean> UPDATE = Param.of("--update", ParamTypes.flag()).invertible()
            .listed("{! }recent: UPDATE").help("like --rcheck, and refresh the address's last-seen time when it matches");
    static final Param<Boolean> REMOVE = Param.of("--remove", ParamTypes.flag()).invertible()
            .listed("{! }recent: REMOVE").help("match if the address is in the list, and remove it");
    static final Param<Long> SECONDS = Param.of("--seconds", new SecondsType())
            .listed("seconds: {v}").help("with --rcheck/--update: only sightings in the last this many seconds count");
    static final Param<Boolean> REAP = Param.of("--reap", ParamTypes.flag())
            .listed("reap").help("with --seconds: forget addresses not seen within that time");
    static final Param<Long> HITCOUNT = Param.of("--hitcount", ParamTypes.uint(0, 0xFFFFFFFFL))
            .listed("hit_count: {v}").help("with --rcheck/--update: at least this many sightings");
    static final Param<Boolean> RTTL = Param.of("--rttl", ParamTypes.flag())
            .listed("TTL-Match").help("with --rcheck/--update: the TTL must also equal that of the sighting");
    /** The kernel refuses a '/' in the name: it names a proc file. */
    static final Param<String> NAME = Param.of("--name", new TableNameType("recent: bad --name",
            "want 1 to 199 characters, no '/'", true, s -> !s.isEmpty() && s.length() <= 199 && s.indexOf('/') < 0))
            .listed("name: {v}").help("name of the list (default DEFAULT)");
    static final Param<RecentMask> MASK = Param.of("--mask", RecentMask.TYPE)
            .listed("mask: {v}").help("netmask applied to the address first (default: all bits)");
    static final Param<Boolean> RSOURCE = Param.of("--rsource", ParamTypes.flag())
            .listed("side: source").help("remember the source address (default)");
    static final Param<Boolean> RDEST = Param.of("--rdest", ParamTypes.flag())
            .listed("side: dest").help("remember the destination address");

    private static final List<Param<Boolean>> ACTIONS = List.of(SET, RCHECK, UPDATE, REMOVE);

    private final ConcurrentMap<String, RecentTable> tables = new ConcurrentHashMap<>();

    public RecentMatchType() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    RecentMatchType(LongSupplier nanoClock) {
        super(ExtensionDescriptor.match("recent").ip().listing("")
                .params(SET, RCHECK, UPDATE, REMOVE, SECONDS, REAP, HITCOUNT, RTTL, NAME, MASK, RSOURCE, RDEST)
                .exclusive(SET, RCHECK, UPDATE, REMOVE).excludes(RTTL, SET, REMOVE).alsoRequires(REAP, SECONDS)
                .listOrder(SET, RCHECK, UPDATE, REMOVE, SECONDS, REAP, HITCOUNT, RTTL, NAME, RSOURCE, RDEST, MASK)
                .help("recent match: lists of recently seen addresses (port-knocking, brute-force throttling)")
                .build(), nanoClock);
    }

    @Override
    public Args canonicalize(Args args) {
        check(args);
        Args.Builder b = args.toBuilder();
        if (args.has(HITCOUNT) && args.get(HITCOUNT) == 0) {
            b.remove(HITCOUNT);
        }
        if (!args.has(NAME)) {
            b.put(NAME, DEFAULT_NAME);
        }
        if (!args.has(MASK)) {
            b.put(MASK, args.family() == Family.IPV6 ? RecentMask.ALL6 : RecentMask.ALL4);
        }
        // Both given: the tool keeps the destination.
        if (args.has(RDEST)) {
            b.remove(RSOURCE);
        } else {
            b.put(RSOURCE, true);
        }
        return b.build();
    }

    /** The checks of libxt_recent and of the kernel's recent_mt_check, with the tool's words. */
    private static Param<Boolean> check(Args args) {
        // (two actions, --rttl with --set or --remove, --reap without --seconds: the descriptor's declarations)
        Param<Boolean> action = null;
        for (Param<Boolean> p : ACTIONS) {
            if (args.has(p)) {
                action = p;
            }
        }
        if (action == null) {
            String words = "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'";
            throw new ParameterProblem(words, words);
        }
        boolean setOrRemove = action == SET || action == REMOVE;
        if (setOrRemove && (args.has(SECONDS) || args.getOr(HITCOUNT, 0L) != 0)) {
            throw new KernelRefusal("recent: --seconds and --hitcount only go with --rcheck or --update");
        }
        if (args.has(MASK) && args.get(MASK).ipv6() != (args.family() == Family.IPV6)) {
            throw new IllegalArgumentException("recent: --mask " + RecentMask.TYPE.format(args.get(MASK)).get(0)
                    + " is not an address of this family");
        }
        return action;
    }

    @Override
    public Match compile(Args args) {
        Param<Boolean> action = check(args);
        long hitcount = args.getOr(HITCOUNT, 0L);
        String name = args.getOr(NAME, DEFAULT_NAME);
        int nstamps = (int) Math.min(MAX_NSTAMPS, Math.max(PKT_LIST_TOT, hitcount));
        // A list is sized by the first rule that names it, as the kernel does; a later --hitcount beyond
        // what it keeps can never be reached.
        RecentTable table = tables.computeIfAbsent(name, n -> new RecentTable(LIST_TOT, nstamps));
        char a = action == SET ? 's' : action == UPDATE ? 'u' : action == REMOVE ? 'r' : 'c';
        RecentMask mask = args.getOr(MASK, args.family() == Family.IPV6 ? RecentMask.ALL6 : RecentMask.ALL4);
        return new RecentMatch(a, args.inverted(action), args.getOr(SECONDS, 0L), hitcount, args.has(REAP),
                args.has(RTTL), args.has(RDEST), mask, table, clock);
    }

    /** Seconds 1..4294967295, printed by the tool as a signed 32-bit number (4294967295 lists as -1). */
    private static final class SecondsType extends ParamType<Long> {
        SecondsType() {
            super("seconds", 1);
        }

        @Override
        public Long parse(List<String> words) {
            return ParamTypes.uint(1, 0xFFFFFFFFL).parse(words);
        }

        @Override
        public List<String> format(Long value) {
            return List.of(Integer.toString((int) value.longValue()));
        }
    }
}
