package org.pkttables.ext.matches.impl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/** The value types of the time match, read and listed as libxt_time does. */
final class TimeValues {
    static final String[] WEEKDAYS = {null, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static final int ALL_WEEKDAYS = 0xfe;
    static final long ALL_MONTHDAYS = 0xfffffffeL;
    static final long DATE_MAX = Integer.MAX_VALUE;

    private TimeValues() {
    }

    /** {@code hh:mm[:ss]} as seconds of the day; listed {@code %02u:%02u:%02u}. */
    static final ParamType<Integer> DAYTIME = new ParamType<>("hh:mm[:ss]", 1) {
        @Override
        public Integer parse(List<String> words) {
            String w = words.get(0);
            try {
                return daytime(w);
            } catch (IllegalArgumentException e) {
                throw new ParameterProblem(e.getMessage(), "invalid time \"" + badTimePart(w) + "\" specified, should be"
                        + " hh:mm[:ss] format and within the boundaries");
            }
        }

        private int daytime(String w) {
            String[] f = w.split(":", -1);
            if (f.length < 2 || f.length > 3) {
                throw new IllegalArgumentException("invalid time \"" + w + "\" (want hh:mm[:ss])");
            }
            long h = decimal(f[0], 23, w);
            long m = decimal(f[1], 59, w);
            long s = f.length == 3 ? decimal(f[2], 59, w) : 0;
            if (f[0].isEmpty()) {
                throw new IllegalArgumentException("invalid time \"" + w + "\" (want hh:mm[:ss])");
            }
            return (int) (h * 3600 + m * 60 + s);
        }

        @Override
        public List<String> format(Integer v) {
            return List.of(String.format(Locale.ROOT, "%02d:%02d:%02d", v / 3600, v / 60 % 60, v % 60));
        }
    };

    /**
     * {@code YYYY[-MM[-DD[Thh[:mm[:ss]]]]]}, UTC, years 1970-2038, normalised like timegm ({@code 2020-02-30}
     * is March 1st, month 0 is the December before); seconds since the epoch, listed in full.
     */
    static final ParamType<Long> DATE = new ParamType<>("YYYY[-MM[-DD[Thh[:mm[:ss]]]]]", 1) {
        @Override
        public Long parse(List<String> words) {
            String w = words.get(0);
            try {
                return date(w);
            } catch (IllegalArgumentException e) {
                throw new ParameterProblem(e.getMessage(), "Invalid date \"" + w + "\" specified. Should be"
                        + " YYYY[-MM[-DD[Thh[:mm[:ss]]]]]");
            }
        }

        private long date(String w) {
            int t = w.indexOf('T');
            String datePart = t < 0 ? w : w.substring(0, t);
            String[] d = datePart.split("-", -1);
            String[] c = t < 0 ? new String[0] : w.substring(t + 1).split(":", -1);
            if (d.length > 3 || c.length > 3) {
                throw new IllegalArgumentException("invalid date \"" + w + "\" (want YYYY[-MM[-DD[Thh[:mm[:ss]]]]])");
            }
            long year = decimal(d[0], 2038, w);
            if (year < 1970 || d[0].isEmpty()) {
                throw new IllegalArgumentException("invalid date \"" + w + "\": the year must be 1970-2038");
            }
            long month = d.length > 1 ? decimal(d[1], 12, w) : 1;
            long day = d.length > 2 ? decimal(d[2], 31, w) : 1;
            long hour = c.length > 0 ? decimal(c[0], 23, w) : 0;
            long min = c.length > 1 ? decimal(c[1], 59, w) : 0;
            long sec = c.length > 2 ? decimal(c[2], 59, w) : 0;
            LocalDateTime ldt = LocalDateTime.of((int) year, 1, 1, 0, 0).plusMonths(month - 1).plusDays(day - 1)
                    .plusHours(hour).plusMinutes(min).plusSeconds(sec);
            long epoch = ldt.toEpochSecond(ZoneOffset.UTC);
            if (epoch < 0) {
                throw new IllegalArgumentException("date \"" + w + "\" is before 1970");
            }
            return epoch;
        }

        @Override
        public List<String> format(Long v) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC);
            return List.of(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        }
    };

    /**
     * Weekdays: names compared on their first two letters (case-sensitive: {@code Mo}, {@code Mon},
     * {@code Monday}) or numbers 1-7; 0 is refused, higher numbers fall outside the kernel's 8-bit mask
     * and add nothing. A bit mask, Monday = bit 1 .. Sunday = bit 7.
     */
    static final ParamType<Integer> WEEKDAY_SET = new ParamType<>("day[,day]...", 1) {
        @Override
        public Integer parse(List<String> words) {
            int mask = 0;
            for (String item : words.get(0).split(",", -1)) {
                if (!item.isEmpty() && Character.isDigit(item.charAt(0))) {
                    long n = decimal(item, Long.MAX_VALUE / 10, words.get(0));
                    if (n == 0) {
                        throw new ParameterProblem("no weekday 0 in \"" + words.get(0) + "\" (Monday is 1)",
                                "No, the week does NOT begin with Sunday.");
                    }
                    mask |= n < 8 ? 1 << n : 0;
                    continue;
                }
                int found = 0;
                for (int i = 1; i <= 7; i++) {
                    if (item.length() >= 2 && WEEKDAYS[i].startsWith(item.substring(0, 2))) {
                        found = 1 << i;
                    }
                }
                if (found == 0) {
                    throw new ParameterProblem("unknown weekday \"" + item + "\" (Mon, Tue, ... Sun or 1-7)",
                            item + " is not a valid day specifier");
                }
                mask |= found;
            }
            return mask;
        }

        @Override
        public List<String> format(Integer mask) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= 7; i++) {
                if ((mask & 1 << i) != 0) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(WEEKDAYS[i]);
                }
            }
            return List.of(sb.toString());
        }
    };

    /** Days of the month 0-31 (decimal; 0 is accepted like iptables does and never matches); bit n = day n. */
    static final ParamType<Long> MONTHDAY_SET = new ParamType<>("day[,day]...", 1) {
        @Override
        public Long parse(List<String> words) {
            long mask = 0;
            for (String item : words.get(0).split(",", -1)) {
                try {
                    mask |= 1L << decimal(item, 31, words.get(0));
                } catch (IllegalArgumentException e) {
                    throw new ParameterProblem(e.getMessage(), item + " is not a valid day for --monthdays");
                }
            }
            return mask;
        }

        @Override
        public List<String> format(Long mask) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i <= 31; i++) {
                if ((mask & 1L << i) != 0 && i > 0) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(i);
                }
            }
            return List.of(sb.toString());
        }
    };

    /**
     * The part of a bad {@code hh:mm[:ss]} that libxt_time's time_parse_minutes names: from the field where it
     * stopped on (the hour, the minute or the second) to the end.
     */
    static String badTimePart(String w) {
        int start = 0;
        long[] max = {23, 59, 59};
        for (int field = 0; field < 3; field++) {
            int e = start;
            long v = 0;
            while (e < w.length() && Character.isDigit(w.charAt(e)) && v <= 59) {
                v = v * 10 + (w.charAt(e) - '0');
                e++;
            }
            while (e < w.length() && Character.isDigit(w.charAt(e))) {
                e++;
            }
            boolean end = e == w.length();
            boolean colon = !end && w.charAt(e) == ':';
            // the hour needs a ':' after it, the minute ':' or the end, the second the end
            boolean ok = v <= max[field] && (field == 0 ? colon : field == 1 ? colon || end : end);
            if (!ok || end) {
                return w.substring(start);
            }
            start = e + 1;
        }
        return w.substring(start);
    }

    /** A decimal number 0..max as strtoul(s, &e, 10) with nothing after it; "" is 0 like strtoul. */
    static long decimal(String s, long max, String whole) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 10);
            if (d < 0) {
                throw new IllegalArgumentException("invalid number \"" + s + "\" in \"" + whole + "\"");
            }
            v = v * 10 + d;
            if (v > max) {
                throw new IllegalArgumentException("value " + s + " in \"" + whole + "\" is above " + max);
            }
        }
        return v;
    }
}
