package org.pkttables.conntrack.impl;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.StreamingCommand;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.ConntrackListener;
import org.pkttables.conntrack.ConntrackService;
import org.pkttables.conntrack.ConntrackStats;

/**
 * {@code conntrack} in conntrack-tools 1.4.7 syntax and output: {@code -L}, {@code -G}, {@code -D} with
 * filters ({@code -p -s -d --sport --dport --state -u -m -f}), {@code -U ... -m MARK[/MASK]}, {@code -F},
 * {@code -C}, {@code -S}, and {@code -o extended|id}; with accounting on (sysctl nf_conntrack_acct) entries
 * show each direction's {@code packets= bytes=}. {@code -E [-e NEW,UPDATE,DESTROY] [-o timestamp]} streams
 * events (the same filters apply) until interrupted where the caller can stream (control socket, batch,
 * console: {@link StreamingCommand}); with {@code --count N} or {@code --timeout S}, or where output is
 * returned at once (the frontend's run, tests), it collects them until N events or S seconds.
 */
@Component(service = { CommandExtension.class, StreamingCommand.class })
public final class ConntrackCommand implements StreamingCommand {
    private static final String PREFIX = "conntrack v1.4.7 (conntrack-tools): ";
    /** Events kept while -E waits; a burst beyond it (a flood) is counted as lost, not buffered without bound. */
    static final int EVENT_QUEUE = 65536;
    static final long DEFAULT_EVENT_TIMEOUT = 10;
    /** How often a quiet event stream checks that its reader is still there. */
    static final long KEEPALIVE_MS = 1000;
    private final ConntrackService ct;
    /** Subscribes a listener to the table's events; the returned action unsubscribes it. */
    private final Function<ConntrackListener, Runnable> events;
    /** The same for expectation events ({@code conntrack -E expect}). */
    private final Function<org.pkttables.conntrack.ExpectationListener, Runnable> expEvents;

    @Activate
    public ConntrackCommand(@Reference ConntrackService ct, BundleContext bc) {
        this(ct, l -> {
            // The whiteboard: ConntrackComponent binds every ConntrackListener service.
            ServiceRegistration<ConntrackListener> r = bc.registerService(ConntrackListener.class, l, null);
            return r::unregister;
        }, l -> {
            ServiceRegistration<org.pkttables.conntrack.ExpectationListener> r =
                    bc.registerService(org.pkttables.conntrack.ExpectationListener.class, l, null);
            return r::unregister;
        });
    }

    /** Without OSGi (tests, Harness): events straight from the engine. */
    public ConntrackCommand(ConntrackEngine e) {
        this(e, l -> {
            e.addListener(l);
            return () -> e.removeListener(l);
        }, l -> {
            e.addExpectationListener(l);
            return () -> e.removeExpectationListener(l);
        });
    }

    /** For tests: events from any source ({@code l -> { e.addListener(l); return () -> ...; }}). */
    ConntrackCommand(ConntrackService ct, Function<ConntrackListener, Runnable> events) {
        this(ct, events, l -> () -> { });
    }

    ConntrackCommand(ConntrackService ct, Function<ConntrackListener, Runnable> events,
            Function<org.pkttables.conntrack.ExpectationListener, Runnable> expEvents) {
        this.ct = ct;
        this.events = events;
        this.expEvents = expEvents;
    }

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public String help() {
        return "conntrack -L|-G|-D|-F|-C|-S [--json (-L, -G, -S)] [-p PROTO] [-s ADDR] [-d ADDR] [--sport P] [--dport P] [--state S] "
                + "[-u STATUS] [-m MARK] [-f ipv4|ipv6] [-q|-r ADDR] [--reply-port-src|--reply-port-dst P] "
                + "[-n|-g|-j [ADDR]] [-o extended|id]: the connection table; "
                + "conntrack -U [filters] -m MARK[/MASK]: set the mark; "
                + "conntrack -E [-e NEW,UPDATE,DESTROY] [-o timestamp] [--count N] [--timeout S] [filters]: "
                + "its events, live until interrupted (ctl, console), or until N events or S seconds (default "
                + DEFAULT_EVENT_TIMEOUT + " where output cannot stream)";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        try {
            return execute(args);
        } catch (IllegalArgumentException e) {
            return new CommandFrontend.Result(2, "", PREFIX + e.getMessage()
                    + "\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
        }
    }

    /**
     * {@code conntrack -E expect}: new expectations as conntrack-tools prints them ({@code [NEW]} then the
     * expectation), until N events or S seconds.
     */
    private CommandFrontend.Result expectationEvents(int maxEvents, long timeoutSeconds) {
        BlockingQueue<org.pkttables.conntrack.ExpectationEvent> q = new ArrayBlockingQueue<>(EVENT_QUEUE);
        Runnable unsubscribe = expEvents.apply(q::offer);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (shown < maxEvents) {
                long left = deadline - System.nanoTime();
                org.pkttables.conntrack.ExpectationEvent e = left <= 0 ? null : q.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    break;
                }
                out.append("    [NEW] ").append(ExpectFormat.format(e.expectation(), e.timestampMillis())).append('\n');
                shown++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
        }
        return new CommandFrontend.Result(0, out.toString(), PREFIX + shown + " expectation events have been shown.\n");
    }

    /** {@code conntrack -L expect} and {@code conntrack -F expect}. */
    private CommandFrontend.Result expectations(char cmd) {
        long now = System.currentTimeMillis();
        switch (cmd) {
            case 'L': {
                List<org.pkttables.conntrack.Expectation> l = ct.expectations();
                StringBuilder out = new StringBuilder();
                for (org.pkttables.conntrack.Expectation e : l) {
                    out.append(ExpectFormat.format(e, now)).append('\n');
                }
                return new CommandFrontend.Result(0, out.toString(), PREFIX + l.size() + " expectations have been shown.\n");
            }
            case 'F':
                ct.flushExpectations();
                return new CommandFrontend.Result(0, "", PREFIX + "expectation table has been emptied.\n");
            case 'C':
                return new CommandFrontend.Result(0, ct.expectations().size() + "\n", "");
            default:
                throw new IllegalArgumentException("the expect table supports -L, -F and -C here");
        }
    }

    @Override
    public boolean streams(List<String> args) {
        try {
            ConntrackOptions o = ConntrackOptions.parse(args);
            return o.cmd() == 'E' && !o.help() && o.maxEvents() == Integer.MAX_VALUE && o.timeout() < 0;
        } catch (IllegalArgumentException e) {
            return false; // run() reports it
        }
    }

    @Override
    public int stream(List<String> args, Sink sink) throws IOException, InterruptedException {
        ConntrackOptions o;
        try {
            o = ConntrackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            sink.err(PREFIX + e.getMessage() + "\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
            return 2;
        }
        long[] lost = new long[1];
        int[] shown = new int[1];
        try {
            pumpEvents(o, Integer.MAX_VALUE, Long.MAX_VALUE, lost, shown, new EventOut() {
                @Override
                public void line(String text) throws IOException {
                    sink.out(text);
                }

                @Override
                public void idle() throws IOException {
                    sink.keepAlive();
                }

                @Override
                public void lost(long total) throws IOException {
                    sink.err(PREFIX + "WARNING: " + total + " events lost so far (more than " + EVENT_QUEUE
                            + " waiting)\n");
                }
            });
        } catch (InterruptedException e) {
            // conntrack-tools prints its count when Ctrl-C ends -E; the reader may still be there.
            try {
                sink.err(PREFIX + shown[0] + " flow events have been shown.\n");
            } finally {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return 0;
    }

    private CommandFrontend.Result execute(List<String> args) {
        List<String> rest = new java.util.ArrayList<>(args);
        boolean json = rest.remove("--json");
        ConntrackOptions o = ConntrackOptions.parse(rest);
        if (o.help()) {
            return new CommandFrontend.Result(0, help() + "\n", "");
        }
        if (json) {
            return json(o);
        }
        return execute(o);
    }

    /** {@code conntrack -L|-G|-S --json}: the same selection as the text form, as one JSON document. */
    private CommandFrontend.Result json(ConntrackOptions o) {
        if (o.expect() || (o.cmd() != 'L' && o.cmd() != 'G' && o.cmd() != 'S')) {
            throw new IllegalArgumentException("--json goes with -L, -G and -S");
        }
        if (o.cmd() == 'S') {
            return new CommandFrontend.Result(0, EntryJson.stats(ct.stats()), "");
        }
        List<ConntrackEntry> l = list(o);
        if (o.cmd() == 'G' && l.isEmpty()) {
            return new CommandFrontend.Result(1, "", PREFIX + "Operation failed: such conntrack doesn't exist\n");
        }
        return new CommandFrontend.Result(0, EntryJson.entries(l, ct.accounting()), "");
    }

    private CommandFrontend.Result execute(ConntrackOptions o) {
        ConntrackFilter f = o.filter();
        boolean extended = o.extended();
        boolean withId = o.withId();
        char cmd = o.cmd();
        if (o.expect()) {
            return cmd == 'E' ? expectationEvents(o.maxEvents(), o.timeout() < 0 ? DEFAULT_EVENT_TIMEOUT : o.timeout())
                    : expectations(cmd);
        }
        boolean acct = ct.accounting();
        switch (cmd) {
            case 'E':
                return events(o, o.maxEvents(), o.timeout() < 0 ? DEFAULT_EVENT_TIMEOUT : o.timeout());
            case 'L':
            case 'G': {
                List<ConntrackEntry> l = list(o);
                StringBuilder out = new StringBuilder();
                for (ConntrackEntry e : l) {
                    out.append(EntryFormat.format(e, extended, withId, acct)).append('\n');
                }
                if (cmd == 'G' && l.isEmpty()) {
                    return new CommandFrontend.Result(1, "", PREFIX + "Operation failed: such conntrack doesn't exist\n");
                }
                return new CommandFrontend.Result(0, out.toString(),
                        PREFIX + l.size() + " flow entries have been shown.\n");
            }
            case 'D': {
                List<ConntrackEntry> l = list(o);
                StringBuilder out = new StringBuilder();
                int n = 0;
                for (ConntrackEntry e : l) {
                    if (ct.delete(e.id())) {
                        out.append(EntryFormat.format(e, extended, withId, acct)).append('\n');
                        n++;
                    }
                }
                return new CommandFrontend.Result(n == 0 ? 1 : 0, out.toString(),
                        PREFIX + n + " flow entries have been deleted.\n");
            }
            case 'U': {
                // As conntrack-tools: entries whose mark would not change are skipped, not counted.
                StringBuilder out = new StringBuilder();
                int n = 0;
                int value = (int) o.markValue();
                int mask = o.markMask();
                for (ConntrackEntry e : list(o)) {
                    if (((e.mark() & ~mask) | (value & mask)) == e.mark()) {
                        continue;
                    }
                    Optional<ConntrackEntry> u = ct.updateMark(e.id(), value, mask);
                    if (u.isPresent()) {
                        out.append(EntryFormat.format(u.get(), extended, withId, acct)).append('\n');
                        n++;
                    }
                }
                return new CommandFrontend.Result(0, out.toString(), PREFIX + n + " flow entries have been updated.\n");
            }
            case 'F':
                ct.flush();
                return new CommandFrontend.Result(0, "", PREFIX + "connection tracking table has been emptied.\n");
            case 'C':
                // with a filter: the entries it selects, as conntrack-tools counts a filtered dump
                return new CommandFrontend.Result(0, (f.equals(ConntrackFilter.ALL) && o.reply().all() ? ct.count()
                        : list(o).size()) + "\n", "");
            case 'S': {
                ConntrackStats s = ct.stats();
                String line = "cpu=0   \tfound=" + s.found() + " invalid=" + s.invalid() + " insert=" + s.insert()
                        + " insert_failed=" + s.insertFailed() + " drop=" + s.drop() + " early_drop=" + s.earlyDrop()
                        + " error=0 search_restart=0 clash_resolve=" + s.insertFailed() + " chaintoolong=0 \n";
                return new CommandFrontend.Result(0, line, "");
            }
            default:
                throw new IllegalArgumentException("no command specified (-L, -G, -D, -U, -F, -C, -S or -E)");
        }
    }

    /** The entries the command line selects: the table's filter, then the reply-tuple and NAT-address one. */
    private List<ConntrackEntry> list(ConntrackOptions o) {
        List<ConntrackEntry> l = ct.list(o.filter());
        if (o.reply().all()) {
            return l;
        }
        List<ConntrackEntry> kept = new java.util.ArrayList<>();
        for (ConntrackEntry e : l) {
            if (o.reply().test(e)) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** Where {@link #pumpEvents} puts its lines. */
    private interface EventOut {
        void line(String text) throws IOException;

        /** Nothing came for {@link #KEEPALIVE_MS}. */
        void idle() throws IOException;

        /** Events were dropped because the queue was full; {@code total} so far. */
        void lost(long total) throws IOException;
    }

    /** -E with a count or timeout: collected, returned at once. */
    private CommandFrontend.Result events(ConntrackOptions o, int maxEvents, long timeoutSeconds) {
        StringBuilder out = new StringBuilder();
        long[] lost = new long[1];
        int[] shown = new int[1];
        try {
            pumpEvents(o, maxEvents, System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds), lost, shown,
                    new EventOut() {
                        @Override
                        public void line(String text) {
                            out.append(text);
                        }

                        @Override
                        public void idle() {
                            // nobody to ask: the deadline ends the wait
                        }

                        @Override
                        public void lost(long total) {
                            // reported once at the end
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        String err = PREFIX + shown[0] + " flow events have been shown.\n";
        if (lost[0] > 0) {
            err = PREFIX + lost[0] + " events lost (more than " + EVENT_QUEUE + " waiting)\n" + err;
        }
        return new CommandFrontend.Result(0, out.toString(), err);
    }

    /**
     * Subscribes, then formats events into {@code out} until {@code maxEvents} or the deadline
     * ({@link System#nanoTime} based, {@code Long.MAX_VALUE} for none), counting them in {@code shown[0]}.
     */
    private void pumpEvents(ConntrackOptions o, int maxEvents, long deadlineNanos, long[] lost, int[] shown,
            EventOut out)
            throws IOException, InterruptedException {
        BlockingQueue<ConntrackEvent> q = new ArrayBlockingQueue<>(EVENT_QUEUE);
        ConntrackFilter f = o.filter();
        Set<ConntrackEvent.Type> mask = o.mask();
        ReplyNatFilter reply = o.reply();
        // Runs on packet workers: filter and enqueue only, format here on the command's thread.
        ConntrackListener l = ev -> {
            if (mask.contains(ev.type()) && selects(f, ev.entry()) && reply.test(ev.entry()) && !q.offer(ev)) {
                synchronized (lost) {
                    lost[0]++;
                }
            }
        };
        Runnable unsubscribe = events.apply(l);
        long reported = 0;
        try {
            while (shown[0] < maxEvents) {
                long wait = TimeUnit.MILLISECONDS.toNanos(KEEPALIVE_MS);
                if (deadlineNanos != Long.MAX_VALUE) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait = Math.min(wait, left);
                }
                ConntrackEvent ev = q.poll(wait, TimeUnit.NANOSECONDS);
                long lostNow;
                synchronized (lost) {
                    lostNow = lost[0];
                }
                if (lostNow > reported) {
                    out.lost(lostNow);
                    reported = lostNow;
                }
                if (ev == null) {
                    out.idle();
                    continue;
                }
                StringBuilder sb = new StringBuilder(200);
                if (o.timestamp()) {
                    sb.append(timestamp(ev.timestampMillis()));
                }
                sb.append(EntryFormat.event(ev.type(), ev.entry(), o.extended(), ct.accounting())).append('\n');
                out.line(sb.toString());
                shown[0]++;
            }
        } finally {
            unsubscribe.run();
        }
    }

    /** conntrack-tools prints {@code [%-8ld.%-6ld]\t} from gettimeofday: microseconds left-aligned. */
    static String timestamp(long millis) {
        return String.format(Locale.ROOT, "[%-8d.%-6d]\t", Math.floorDiv(millis, 1000),
                Math.floorMod(millis, 1000) * 1000);
    }

    /** The -L filters on an event's snapshot (the table-side matcher needs the table's arrays). */
    static boolean selects(ConntrackFilter f, ConntrackEntry e) {
        return (f.family() == 0 || f.family() == e.family())
                && (f.protocol() < 0 || f.protocol() == e.protocol())
                && (f.src() == null || f.src().equals(e.origSrc()))
                && (f.dst() == null || f.dst().equals(e.origDst()))
                && (f.sport() < 0 || f.sport() == e.origSport())
                && (f.dport() < 0 || f.dport() == e.origDport())
                && (f.state() == null || f.state().equals(e.state()))
                && (e.status() & f.statusSet()) == f.statusSet() && (e.status() & f.statusUnset()) == 0
                && (f.mark() < 0 || f.mark() == e.mark());
    }
}
