package org.pkttables.ext.targets.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.ext.targets.api.NflogListener;

/**
 * {@code nflog --group N --pcap FILE [--count C] [--timeout S]}: the packets NFLOG rules send to group N,
 * written to a capture file as {@code tcpdump -i nflog:N -w FILE} writes it ({@link NflogPcap}), until C
 * packets or S seconds (10 s when no count is given). The file is the caller's: opened through
 * {@code ctl} with the caller's own permissions. The capture subscribes as an {@link NflogListener} of the
 * group for its duration only; packets that come faster than the file takes them are dropped from its ring
 * and counted, never waited for.
 */
@Component(service = CommandExtension.class)
public final class NflogCommand implements CommandExtension {
    static final String USAGE = "nflog --group N --pcap FILE [--count C] [--timeout S]";
    /** Packets the capture ring holds before it drops. */
    static final int RING = 4096;
    private static final long IDLE_PARK_MILLIS = 5;

    /** Subscribes a listener to a group; closing the result unsubscribes it. */
    private final Function<NflogCapture, AutoCloseable> subscribe;

    @Activate
    public NflogCommand(BundleContext context) {
        this(c -> {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(NflogListener.GROUP, c.group());
            ServiceRegistration<NflogListener> r = context.registerService(NflogListener.class, c, props);
            return r::unregister;
        });
    }

    /** Outside OSGi (tests): {@code subscribe} hands the capture to the NFLOG target. */
    NflogCommand(Function<NflogCapture, AutoCloseable> subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public String name() {
        return "nflog";
    }

    @Override
    public String help() {
        return USAGE + ": write the packets of NFLOG group N to a capture file (tcpdump -i nflog:N -w FILE)";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return run(args, stdin, CallerFiles.local());
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin, CallerFiles files) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            return new CommandFrontend.Result(2, "", "nflog: " + e.getMessage() + "\n");
        }
        NflogCapture capture = new NflogCapture(o.group, RING);
        long written = 0;
        try (OutputStream file = files.write(o.file)) {
            NflogPcap pcap = new NflogPcap(file, o.group);
            try (AutoCloseable s = subscribe.apply(capture)) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
                while (written < o.count && System.nanoTime() - end < 0) {
                    NflogCapture.Packet p = capture.poll();
                    if (p == null) {
                        pcap.flush();
                        Thread.sleep(IDLE_PARK_MILLIS);
                        continue;
                    }
                    pcap.write(p);
                    capture.release();
                    written++;
                }
            }
            pcap.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            return new CommandFrontend.Result(1, "", "nflog: " + o.file + ": " + e.getMessage() + "\n");
        } catch (Exception e) {
            return new CommandFrontend.Result(1, "", "nflog: " + e + "\n");
        }
        return new CommandFrontend.Result(0, "", "listening on nflog:" + o.group
                + ", link-type NFLOG (Linux netfilter log messages), snapshot length " + NflogPcap.SNAPLEN + " bytes\n"
                + written + " packets captured\n" + capture.received() + " packets received by filter\n"
                + capture.dropped() + " packets dropped (the capture's ring was full)\n");
    }

    /** The command's words. */
    record Options(int group, String file, long count, long timeoutSeconds) {
        static Options parse(List<String> args) {
            int group = 0;
            String file = null;
            long count = Long.MAX_VALUE;
            long timeout = -1;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--group" -> group = (int) number(a, value(args, ++i, a), 0, 65535);
                    case "--pcap" -> file = value(args, ++i, a);
                    case "--count", "-c" -> count = number(a, value(args, ++i, a), 1, Long.MAX_VALUE);
                    case "--timeout" -> timeout = number(a, value(args, ++i, a), 1, 86400);
                    default -> throw new IllegalArgumentException("unexpected argument `" + a + "' (" + USAGE + ")");
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("--pcap FILE is required (" + USAGE + ")");
            }
            if (timeout < 0) {
                timeout = count == Long.MAX_VALUE ? 10 : 86400;
            }
            return new Options(group, file, count, timeout);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
            }
            return args.get(i);
        }

        private static long number(String option, String v, long min, long max) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number " + min + ".." + max + ", not `" + v + "'", e);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " needs a number " + min + ".." + max + ", not `" + v + "'");
            }
            return n;
        }
    }
}
