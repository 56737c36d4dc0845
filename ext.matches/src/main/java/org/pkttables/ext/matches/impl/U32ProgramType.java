package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * {@code --u32}: listed in double quotes as iptables always does. The listed word carries its quotes,
 * so a word that is one quoted expression is read without them (u32 expressions never contain quotes).
 */
final class U32ProgramType extends ParamType<U32Program> {
    static final U32ProgramType INSTANCE = new U32ProgramType();

    private U32ProgramType() {
        super("u32 expression", 1);
    }

    @Override
    public U32Program parse(List<String> words) {
        String w = words.get(0);
        if (w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"")) {
            w = w.substring(1, w.length() - 1);
        }
        return U32Program.parse(w);
    }

    @Override
    public List<String> format(U32Program v) {
        return List.of("\"" + v + "\"");
    }
}
