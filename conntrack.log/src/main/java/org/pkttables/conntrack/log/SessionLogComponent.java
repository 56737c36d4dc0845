package org.pkttables.conntrack.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.ConntrackListener;

/**
 * The session log as a service: configured (PID {@code org.pkttables.conntrack.log}, e.g. a
 * {@code org.pkttables.conntrack.log.cfg} in the deploy directory with {@code file=/var/log/sessions.json}),
 * it subscribes to conntrack's events through the whiteboard and offers {@code conntrack-log} in the shell
 * to show what it wrote. Not configured, it does nothing.
 */
@Component(service = CommandExtension.class, configurationPid = "org.pkttables.conntrack.log",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SessionLogComponent.Config.class)
public final class SessionLogComponent implements CommandExtension {
    @ObjectClassDefinition(name = "pkttables session log", description = "one JSON line per ended connection")
    public @interface Config {
        @AttributeDefinition(description = "file to append to; relative paths are under the state directory")
        String file() default "sessions.json";

        @AttributeDefinition(description = "rotate to FILE.1 beyond this many bytes (0: never)")
        long maxBytes() default 64L << 20;
    }

    private SessionLog log;
    private ServiceRegistration<ConntrackListener> reg;

    @Activate
    void activate(BundleContext bc, Config config) throws IOException {
        Path f = Path.of(config.file());
        if (!f.isAbsolute()) {
            String state = bc.getProperty("pkttables.state");
            f = Path.of(state == null ? "." : state).resolve(f);
        }
        log = new SessionLog(f, config.maxBytes());
        reg = bc.registerService(ConntrackListener.class, log, null);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        reg.unregister();
        log.close();
    }

    @Override
    public String name() {
        return "conntrack-log";
    }

    @Override
    public String help() {
        return "conntrack-log: where the session log writes and how many connections it logged";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return new CommandFrontend.Result(0, log.status() + "\n", "");
    }
}
