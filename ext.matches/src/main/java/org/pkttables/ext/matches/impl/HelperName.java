package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * A conntrack helper name ({@code ftp}, {@code sip}): the kernel keeps 30 bytes with the terminating NUL, so
 * iptables 1.8.9 silently cuts a longer name to its first 29 characters; quoted on save when needed.
 */
final class HelperName extends ParamType<String> {
    static final int MAX = 29;
    static final HelperName INSTANCE = new HelperName();

    private HelperName() {
        super("name", 1);
    }

    @Override
    public String parse(List<String> words) {
        String s = words.get(0);
        return s.length() > MAX ? s.substring(0, MAX) : s;
    }

    @Override
    public List<String> format(String value) {
        return List.of(value);
    }

    @Override
    public boolean quoted() {
        return true;
    }
}
