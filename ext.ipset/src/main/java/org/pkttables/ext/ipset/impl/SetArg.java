package org.pkttables.ext.ipset.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * {@code NAME src,dst,...} of {@code --match-set}, {@code --add-set} and {@code --del-set}: a set name
 * and, per dimension, whether the packet's source or destination is taken (1 to 6 of them).
 */
record SetArg(String name, int dims, int srcBits) {
    static final int MAX_DIMS = 6;

    String directions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append((srcBits & (1 << i)) != 0 ? "src" : "dst");
        }
        return sb.toString();
    }

    /** The value type, as libxt_set parses it (its error messages included). */
    static final ParamType<SetArg> TYPE = new ParamType<>("setname src|dst[,src|dst...]", 2) {
        @Override
        public SetArg parse(List<String> words) {
            String name = words.get(0);
            if (name.isEmpty() || name.length() > SetRegistry.MAX_NAME) {
                throw new IllegalArgumentException("setname '" + name + "' must be 1 to " + SetRegistry.MAX_NAME
                        + " characters");
            }
            String[] dirs = words.get(1).split(",", -1);
            if (dirs.length > MAX_DIMS) {
                throw new IllegalArgumentException("Can't be more src/dst options than " + MAX_DIMS + ".");
            }
            int bits = 0;
            for (int i = 0; i < dirs.length; i++) {
                if (dirs[i].equals("src")) {
                    bits |= 1 << i;
                } else if (!dirs[i].equals("dst")) {
                    throw new IllegalArgumentException(
                            "You must spefify (the comma separated list of) 'src' or 'dst'.");
                }
            }
            return new SetArg(name, dirs.length, bits);
        }

        @Override
        public List<String> format(SetArg v) {
            return List.of(v.name(), v.directions());
        }
    };
}
