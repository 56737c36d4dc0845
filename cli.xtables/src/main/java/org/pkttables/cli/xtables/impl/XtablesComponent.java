package org.pkttables.cli.xtables.impl;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.cli.xtables.IptablesFrontend;
import org.pkttables.tables.engine.RulesetTools;

/**
 * The command line as a DS component: the xtables tools over the core's Ruleset, ExtensionRegistry and
 * RulesetTools services, plus the commands other bundles offer as {@link CommandExtension} services
 * (a whiteboard: dynamic, greedy).
 */
@Component(immediate = true, service = CommandFrontend.class)
public final class XtablesComponent implements CommandFrontend {
    private final IptablesFrontend frontend;

    @Activate
    public XtablesComponent(@Reference Ruleset ruleset, @Reference ExtensionRegistry registry,
            @Reference RulesetTools tools) {
        this.frontend = new IptablesFrontend(ruleset, registry, tools);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCommandExtension(CommandExtension c) {
        frontend.addCommand(c);
    }

    void removeCommandExtension(CommandExtension c) {
        frontend.removeCommand(c);
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
}
