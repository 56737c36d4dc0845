package org.pkttables.ext.targets.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/** {@code --nflog-prefix}: not empty; longer text is cut to 127 characters as iptables-nft 1.8.9 does. */
final class NflogPrefixType extends ParamType<String> {
    static final int MAX = 127;
    static final NflogPrefixType INSTANCE = new NflogPrefixType();

    private NflogPrefixType() {
        super("prefix", 1);
    }

    @Override
    public String parse(List<String> words) {
        String s = words.get(0);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the prefix is empty");
        }
        return s.length() > MAX ? s.substring(0, MAX) : s;
    }

    @Override
    public List<String> format(String v) {
        return List.of(v);
    }

    @Override
    public boolean quoted() {
        return true;
    }
}
