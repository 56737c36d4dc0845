package org.pkttables.conntrack.impl.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;

/**
 * A comma-separated set of names, each one bit ({@code --ctstate NEW,ESTABLISHED}, {@code --ctstatus
 * ASSURED}); listed in the fixed order the real tool prints, whatever the input order.
 */
final class BitNamesType extends ParamType<Integer> {
    private final String what;
    private final String[] names;
    private final int[] bits;
    private final String zeroName;

    /** @param zeroName the name of the empty set ({@code NONE} for ctstatus), or null when none is allowed */
    BitNamesType(String what, String[] names, int[] bits, String zeroName) {
        super(what + "[,...]", 1);
        this.what = what;
        this.names = names;
        this.bits = bits;
        this.zeroName = zeroName;
    }

    @Override
    public Integer parse(List<String> words) {
        String w = words.get(0);
        int mask = 0;
        for (String part : w.split(",", -1)) {
            String n = part.toUpperCase(Locale.ROOT);
            int bit = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(n)) {
                    bit = bits[i];
                }
            }
            if (bit < 0 && zeroName != null && zeroName.equals(n)) {
                bit = 0;
            }
            if (bit < 0) {
                throw new IllegalArgumentException("Bad " + what + " \"" + part + "\"");
            }
            mask |= bit;
        }
        return mask;
    }

    @Override
    public List<String> format(Integer mask) {
        if (mask == 0 && zeroName != null) {
            return List.of(zeroName);
        }
        List<String> l = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((mask & bits[i]) != 0) {
                l.add(names[i]);
            }
        }
        return List.of(String.join(",", l));
    }

    @Override
    public List<String> validValues() {
        return List.of(names);
    }
}
