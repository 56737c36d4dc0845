package org.pkttables.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every command of the appliance by name: the {@link CommandExtension} services of all bundles (a
 * bundle that stops takes its commands with it). The Gogo console, the control socket, {@code batch}
 * and {@code --config} scripts all find their commands here, and {@code help} lists it.
 * {@link #commands()} lists every name (sorted); {@link #run} runs one by name, exit 127 when there is
 * none.
 */
@ProviderType
public interface CommandRegistry extends CommandFrontend {
    /**
     * Service property of a {@link CommandExtension} answering to several words (String+; the
     * {@code iptables} frontend: {@code iptables}, {@code iptables-save} …); without it the service
     * answers to its {@link CommandExtension#name()}.
     */
    String NAMES = "pkttables.command.names";

    /**
     * The command called {@code name}, or null. Its {@link CommandExtension#name()} is {@code name}, and
     * its {@code run} methods run that word; a {@link StreamingCommand} is returned as one.
     */
    CommandExtension command(String name);

    /**
     * Tells {@code watcher} of every command there is now, then of every one that comes or goes, until
     * {@link #unwatch}.
     */
    void watch(Watcher watcher);

    void unwatch(Watcher watcher);

    /** Told when a command name comes or goes. */
    @ConsumerType
    interface Watcher {
        void added(String name);

        void removed(String name);
    }

    /** Every command name, sorted. */
    @Override
    List<String> commands();
}
