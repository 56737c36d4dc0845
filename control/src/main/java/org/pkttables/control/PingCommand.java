package org.pkttables.control;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;

/** {@code ping}: answers {@code pong} (is the appliance there?). */
@Component(service = CommandExtension.class)
public final class PingCommand extends NamedCommand {
    public PingCommand() {
        super("ping", "ping: answers pong");
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return new CommandFrontend.Result(0, "pong\n", "");
    }
}
