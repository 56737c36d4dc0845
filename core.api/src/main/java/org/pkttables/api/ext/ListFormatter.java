package org.pkttables.api.ext;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The listing text of an extension whose {@code iptables -L} form no {@link ListTemplate} can say (a
 * few print flags as one number under {@code -n} and as words otherwise): declared in the descriptor
 * with {@link ExtensionDescriptor.Builder#listFormatter}, for the rare irregular case. Templates first.
 *
 * @since 1.5.0
 */
@ConsumerType
@FunctionalInterface
public interface ListFormatter {
    /**
     * The text after the columns, each part with its leading blank ({@code " LOG flags 0 level 4"}), for
     * the extension's canonical arguments.
     */
    String list(Args args, ListContext ctx);
}
