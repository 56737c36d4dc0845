package org.pkttables.cli.xtables;

import org.pkttables.api.ext.ListContext;

/** The {@link ListContext} of one listed rule: {@code -n} or names, the rule's protocol, the system's names. */
record ListNames(boolean numeric, int ruleProtocol, SystemNames names) implements ListContext {
    @Override
    public String service(int port, String protocol) {
        return names.service(port, protocol);
    }

    @Override
    public String protocol(int number) {
        return names.protocol(number);
    }

    @Override
    public String addressName(String address) {
        return names.addressName(address);
    }
}
