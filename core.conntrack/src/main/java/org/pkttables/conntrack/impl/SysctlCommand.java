package org.pkttables.conntrack.impl;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.ConntrackService;

/**
 * {@code sysctl} for the conntrack keys, as an admin tunes the kernel: {@code sysctl -a},
 * {@code sysctl net.netfilter.nf_conntrack_tcp_timeout_established},
 * {@code sysctl -w net.netfilter.nf_conntrack_udp_timeout=60}, {@code sysctl -w
 * net.netfilter.nf_conntrack_acct=0}. Changes apply at once (timeouts: existing entries at their next
 * packet; acct: every listing and event from then on, existing entries included, since the counters are
 * always kept); ConfigAdmin (pid org.pkttables.conntrack) sets them at start.
 */
@Component(service = CommandExtension.class)
public final class SysctlCommand implements CommandExtension {
    private static final String PREFIX = "net.netfilter.nf_conntrack_";

    private final ConntrackService ct;

    @Activate
    public SysctlCommand(@Reference ConntrackService ct) {
        this.ct = ct;
    }

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public String help() {
        return "sysctl [-a] [-w] [net.netfilter.nf_conntrack_NAME[=VALUE]]: conntrack timeouts, limits, acct";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        boolean any = false;
        for (String a : args) {
            if (a.equals("-a") || a.equals("--all")) {
                all(out);
                any = true;
                continue;
            }
            if (a.equals("-w") || a.equals("--write") || a.equals("-q")) {
                continue;
            }
            if (a.startsWith("-")) {
                return new CommandFrontend.Result(255, "", "sysctl: unknown option `" + a + "'\nusage: " + help() + "\n");
            }
            any = true;
            int eq = a.indexOf('=');
            String key = (eq < 0 ? a : a.substring(0, eq)).strip().replace('/', '.');
            if (eq < 0) {
                Long v = value(key);
                if (v == null) {
                    err.append("sysctl: cannot stat /proc/sys/").append(key.replace('.', '/'))
                            .append(": No such file or directory\n");
                } else {
                    out.append(key).append(" = ").append(v).append('\n');
                }
                continue;
            }
            String val = a.substring(eq + 1).strip();
            if (!key.startsWith(PREFIX) || key.equals(PREFIX + "max") || key.equals(PREFIX + "count")) {
                err.append("sysctl: setting key \"").append(key).append("\": ")
                        .append(value(key) == null ? "No such file or directory" : "Read-only here (set max through ConfigAdmin)")
                        .append('\n');
                continue;
            }
            if (key.equals(PREFIX + "acct")) {
                if (!val.equals("0") && !val.equals("1")) {
                    err.append("sysctl: setting key \"").append(key).append("\": Invalid argument (0 or 1)\n");
                    continue;
                }
                ct.setAccounting(val.equals("1"));
                out.append(key).append(" = ").append(val).append('\n');
                continue;
            }
            try {
                ct.setTimeout(key.substring(PREFIX.length()), Long.parseLong(val));
                out.append(key).append(" = ").append(val).append('\n');
            } catch (NumberFormatException e) {
                err.append("sysctl: setting key \"").append(key).append("\": Invalid argument (").append(val)
                        .append(" is not a number)\n");
            } catch (IllegalArgumentException e) {
                err.append("sysctl: setting key \"").append(key).append("\": ").append(e.getMessage()).append('\n');
            }
        }
        if (!any) {
            return new CommandFrontend.Result(255, "", "usage: " + help() + "\n");
        }
        return new CommandFrontend.Result(err.length() == 0 ? 0 : 255, out.toString(), err.toString());
    }

    private Long value(String key) {
        if (!key.startsWith(PREFIX)) {
            return null;
        }
        String name = key.substring(PREFIX.length());
        if (name.equals("max")) {
            return (long) ct.max();
        }
        if (name.equals("count")) {
            return (long) ct.count();
        }
        if (name.equals("acct")) {
            return ct.accounting() ? 1L : 0L;
        }
        return ct.timeouts().get(name);
    }

    private void all(StringBuilder out) {
        out.append(PREFIX).append("acct = ").append(ct.accounting() ? 1 : 0).append('\n');
        out.append(PREFIX).append("count = ").append(ct.count()).append('\n');
        out.append(PREFIX).append("max = ").append(ct.max()).append('\n');
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(ct.timeouts()).entrySet()) {
            out.append(PREFIX).append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
    }
}
