package org.pkttables.ext.matches.impl;

/**
 * A hashlimit packet rate as libxt_hashlimit (revision 3) keeps it: {@code avg} is the gap between
 * packets in 1/1000000 s; {@code unitSeconds} is the unit the user wrote, which sets the default
 * {@code --hashlimit-htable-expire}.
 */
record HashlimitRate(long avg, long unitSeconds) {
}
