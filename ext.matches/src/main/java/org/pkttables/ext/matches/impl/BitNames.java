package org.pkttables.ext.matches.impl;

/** How a set of flags lists: the names of the bits set in a mask, comma-separated, in the order of the names. */
final class BitNames {
    private BitNames() {
    }

    /**
     * @param fromHighBit false when {@code names[i]} stands for bit {@code 1 << i}; true when the first
     *                    name stands for the highest bit ({@code 1 << (names.length - 1 - i)})
     */
    static String join(int mask, String[] names, boolean fromHighBit) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((mask & 1 << (fromHighBit ? names.length - 1 - i : i)) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }
}
