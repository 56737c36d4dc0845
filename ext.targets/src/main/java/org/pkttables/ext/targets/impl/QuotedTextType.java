package org.pkttables.ext.targets.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/** A one-word text option listed as given and quoted on save like iptables (the log prefixes). */
abstract class QuotedTextType extends ParamType<String> {
    QuotedTextType(String metavar) {
        super(metavar, 1);
    }

    @Override
    public final List<String> format(String value) {
        return List.of(value);
    }

    @Override
    public final boolean quoted() {
        return true;
    }
}
