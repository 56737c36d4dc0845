package org.pkttables.cli.xtables.impl;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.cli.xtables.IptablesFrontend;
import org.pkttables.tables.engine.RulesetTools;

/**
 * The command line as a DS component: the xtables tools over the core's Ruleset, ExtensionRegistry and
 * RulesetTools services. Its command words are one service in the command registry; it runs no other
 * bundle's commands (it must not bind {@link CommandExtension} services: it is one).
 */
// The frontend's words in the command registry: those of commands() (the tools are always there).
@Component(immediate = true, service = { CommandFrontend.class, CommandExtension.class }, property = {
        CommandRegistry.NAMES + "=iptables", CommandRegistry.NAMES + "=iptables-save",
        CommandRegistry.NAMES + "=iptables-restore", CommandRegistry.NAMES + "=ip6tables",
        CommandRegistry.NAMES + "=ip6tables-save", CommandRegistry.NAMES + "=ip6tables-restore",
        CommandRegistry.NAMES + "=arptables", CommandRegistry.NAMES + "=arptables-save",
        CommandRegistry.NAMES + "=arptables-restore", CommandRegistry.NAMES + "=ebtables",
        CommandRegistry.NAMES + "=ebtables-save", CommandRegistry.NAMES + "=ebtables-restore",
        CommandRegistry.NAMES + "=ext", CommandRegistry.NAMES + "=explain", CommandRegistry.NAMES + "=trace",
        CommandRegistry.NAMES + "=ruleset-save", CommandRegistry.NAMES + "=ruleset-restore" })
public final class XtablesComponent implements CommandFrontend, CommandExtension {
    private final IptablesFrontend frontend;

    @Activate
    public XtablesComponent(@Reference Ruleset ruleset, @Reference ExtensionRegistry registry,
            @Reference RulesetTools tools) {
        this.frontend = new IptablesFrontend(ruleset, registry, tools);
    }

    @Override
    public List<String> commands() {
        return frontend.commands();
    }

    @Override
    public Result run(String command, List<String> args, String stdin) {
        return frontend.run(command, args, stdin);
    }

    @Override
    public Result run(String command, List<String> args, String stdin, CallerFiles files) {
        return frontend.run(command, args, stdin, files);
    }

    // ---- CommandExtension: the frontend's words in the command registry ----

    @Override
    public String name() {
        return "iptables";
    }

    @Override
    public String help() {
        return "the xtables tools: iptables, ip6tables, arptables, ebtables, their -save and -restore, ext, "
                + "explain, trace, ruleset-save --json, ruleset-restore --json";
    }

    @Override
    public Result run(List<String> args, String stdin) {
        return run(name(), args, stdin);
    }

    @Override
    public Result run(List<String> args, String stdin, CallerFiles files) {
        return run(name(), args, stdin, files);
    }
}
