package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.api.ext.Param;

/**
 * {@code ext list [--json]} and {@code ext help NAME [--json]}: the query interface on the command
 * line, printed from the descriptors alone.
 */
final class ExtCommand {
    private final ExtensionRegistry registry;

    ExtCommand(ExtensionRegistry registry) {
        this.registry = registry;
    }

    Result run(List<String> args) throws RulesetException {
        boolean json = args.contains("--json");
        List<String> rest = new ArrayList<>(args);
        rest.remove("--json");
        if (rest.isEmpty() || rest.get(0).equals("list")) {
            return new Result(0, json ? listJson() : list(), "");
        }
        if (rest.get(0).equals("help") && rest.size() == 2) {
            String name = rest.get(1);
            List<ExtensionDescriptor> found = new ArrayList<>();
            for (ExtensionDescriptor d : registry.descriptors()) {
                if (d.name().equals(name) || (d.kind() == ExtensionDescriptor.Kind.BASE
                        && d.families().iterator().next().tool().equals(name))) {
                    found.add(d);
                }
            }
            if (found.isEmpty()) {
                throw new RulesetException("no match or target named `" + name + "' is loaded (see `ext list`)");
            }
            StringBuilder sb = new StringBuilder();
            if (json) {
                sb.append(Json.document(found.stream().map(ExtCommand::json).collect(Collectors.toList())));
            } else {
                for (ExtensionDescriptor d : found) {
                    help(sb, d);
                }
            }
            return new Result(0, sb.toString(), "");
        }
        throw new IptablesFrontend.UsageException("usage: ext list [--json] | ext help NAME [--json]", null);
    }

    private String list() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-7s %-14s %-22s %s%n", "KIND", "NAME",
                "FAMILIES", "DESCRIPTION"));
        for (ExtensionDescriptor d : registry.descriptors()) {
            String name = d.kind() == ExtensionDescriptor.Kind.BASE ? "(" + d.families().iterator().next().tool() + ")"
                    : d.name();
            sb.append(String.format(Locale.ROOT, "%-7s %-14s %-22s %s%n", d.kind().name().toLowerCase(Locale.ROOT),
                    name, families(d), firstLine(d.help())));
        }
        return sb.toString();
    }

    String baseHelp(Family f) {
        StringBuilder sb = new StringBuilder();
        ExtensionDescriptor d = registry.find(f, ExtensionDescriptor.Kind.BASE, "");
        if (d != null) {
            sb.append('\n');
            help(sb, d);
        }
        return sb.toString();
    }

    private static void help(StringBuilder sb, ExtensionDescriptor d) {
        String kind = d.kind().name().toLowerCase(Locale.ROOT);
        if (d.kind() == ExtensionDescriptor.Kind.BASE) {
            sb.append(d.families().iterator().next().tool()).append(" base options");
        } else {
            sb.append(d.name()).append(' ').append(kind);
        }
        sb.append(" (").append(families(d));
        if (d.protocol() != null) {
            sb.append("; needs -p ").append(d.protocol());
        }
        if (!d.tables().isEmpty()) {
            sb.append("; tables ").append(String.join(",", d.tables()));
        }
        if (d.hooks().size() < 5) {
            sb.append("; hooks ").append(d.hooks().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        sb.append(")\n");
        if (!d.help().isEmpty()) {
            sb.append("  ").append(d.help()).append('\n');
        }
        for (Param<?> p : d.params()) {
            StringBuilder opt = new StringBuilder(p.isInvertible() ? "[!] " : "    ").append(p.option());
            for (String a : p.aliases()) {
                opt.append(", ").append(a);
            }
            if (p.type().arity() > 0) {
                opt.append(' ').append(p.type().name());
            }
            sb.append(String.format(Locale.ROOT, "  %-40s %s%s%n", opt, p.help(), p.isMandatory() ? " (mandatory)" : ""));
            if (!p.type().validValues().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  %-40s valid: %s%n", "", String.join(" ", p.type().validValues())));
            }
        }
    }

    private String listJson() {
        return Json.document(registry.descriptors().stream().map(ExtCommand::json).collect(Collectors.toList()));
    }

    private static Map<String, Object> json(ExtensionDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
        m.put("families", d.families().stream().map(Family::id).collect(Collectors.toList()));
        m.put("hooks", d.hooks().stream().map(Enum::name).collect(Collectors.toList()));
        m.put("tables", new ArrayList<>(d.tables()));
        if (d.protocol() != null) {
            m.put("protocol", d.protocol());
        }
        m.put("help", d.help());
        List<Map<String, Object>> params = new ArrayList<>();
        for (Param<?> p : d.params()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("option", p.option());
            pm.put("aliases", p.aliases());
            pm.put("type", p.type().name());
            pm.put("arity", p.type().arity());
            pm.put("invertible", p.isInvertible());
            pm.put("mandatory", p.isMandatory());
            pm.put("values", p.type().validValues());
            pm.put("help", p.help());
            params.add(pm);
        }
        m.put("params", params);
        return m;
    }

    private static String families(ExtensionDescriptor d) {
        return d.families().stream().map(Family::id).collect(Collectors.joining(","));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
