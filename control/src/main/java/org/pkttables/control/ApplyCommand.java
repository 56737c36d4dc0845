package org.pkttables.control;

import java.io.IOException;
import java.util.List;

import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * {@code apply [--timeout S] [-4|-6|--arp|--eb] FILE}: iptables-apply. Loads FILE (a restore file of the
 * family: iptables by default, ip6tables with {@code -6}, arptables, ebtables) in one commit; unless
 * {@code confirm} comes within S seconds (default {@value SafeApply#DEFAULT_TIMEOUT}), the ruleset of
 * before is put back ({@link SafeApply}).
 */
final class ApplyCommand extends NamedCommand {
    static final String USAGE = "usage: apply [--timeout S] [-4|-6|--arp|--eb] FILE";
    private static final int MAX_TIMEOUT = 86400;
    private final SafeApply apply;

    ApplyCommand(SafeApply apply) {
        super("apply", "apply [--timeout S] [-4|-6|--arp|--eb] FILE: load a restore file (iptables by default) atomically;"
                + " rolled back after S s (30) unless `confirm' comes (iptables-apply)");
        this.apply = apply;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return run(args, stdin, CallerFiles.local());
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin, CallerFiles files) {
        int timeout = SafeApply.DEFAULT_TIMEOUT;
        String tool = "iptables";
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-t", "--timeout" -> {
                    if (i + 1 >= args.size()) {
                        return usage(a + " needs a number of seconds");
                    }
                    String v = args.get(++i);
                    try {
                        timeout = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        timeout = -1;
                    }
                    if (timeout < 1 || timeout > MAX_TIMEOUT) {
                        return usage(a + " " + v + ": not a number of seconds from 1 to " + MAX_TIMEOUT);
                    }
                }
                case "-4" -> tool = "iptables";
                case "-6" -> tool = "ip6tables";
                case "--arp" -> tool = "arptables";
                case "--eb" -> tool = "ebtables";
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        return usage("unknown option `" + a + "'");
                    }
                    if (file != null) {
                        return usage("one FILE only (`" + file + "' and `" + a + "')");
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            return usage("no FILE");
        }
        byte[] bytes;
        try (var in = files.read(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return new CommandFrontend.Result(1, "", "apply: cannot read " + file + ": " + e.getMessage()
                    + "; nothing changed\n");
        }
        StringBuilder text = new StringBuilder();
        for (StrictUtf8Lines.Line l : StrictUtf8Lines.lines(file, bytes)) {
            if (l.error() != null) {
                return new CommandFrontend.Result(1, "", "apply: " + l.error().getMessage() + "; nothing changed\n");
            }
            text.append(l.text()).append('\n');
        }
        return apply.apply(Caller.current(), tool, file, text.toString(), timeout);
    }

    private static CommandFrontend.Result usage(String why) {
        return new CommandFrontend.Result(2, "", "apply: " + why + " (" + USAGE + ")\n");
    }
}
