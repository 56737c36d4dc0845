package org.pkttables.ext.matches.impl;

import java.util.TimeZone;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code time} match (libxt_time): time of day, weekdays, days of the month and a date range, in
 * UTC or (with {@code --kerneltz}) in the local zone. Listed as iptables-nft 1.8.9 does: an inverted
 * day set is listed as its complement, the time range in full whenever one end was given, and
 * {@code --datestop} always (2038-01-19T03:14:07 when not given).
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=time")
public final class TimeMatchType extends ClockedMatchType {
    static final int DAY_END = 86399;

    static final Param<Integer> TIMESTART = Param.of("--timestart", TimeValues.DAYTIME)
            .help("hh:mm[:ss]: start of the daily window (00:00:00)");
    static final Param<Integer> TIMESTOP = Param.of("--timestop", TimeValues.DAYTIME)
            .help("hh:mm[:ss]: end of the daily window (23:59:59)");
    static final Param<Long> MONTHDAYS = Param.of("--monthdays", TimeValues.MONTHDAY_SET).invertible()
            .help("days of the month 1-31");
    static final Param<Integer> WEEKDAYS = Param.of("--weekdays", TimeValues.WEEKDAY_SET).invertible()
            .help("Mon,Tue,...,Sun or 1-7");
    static final Param<Long> DATESTART = Param.of("--datestart", TimeValues.DATE)
            .help("YYYY[-MM[-DD[Thh[:mm[:ss]]]]]: match from this time on (UTC)");
    static final Param<Long> DATESTOP = Param.of("--datestop", TimeValues.DATE)
            .help("YYYY[-MM[-DD[Thh[:mm[:ss]]]]]: match up to this time (UTC)");
    static final Param<Boolean> KERNELTZ = Param.of("--kerneltz", ParamTypes.flag()).alias("--localtz")
            .help("times and days in the local time zone (default UTC)");
    static final Param<Boolean> UTC = Param.of("--utc", ParamTypes.flag()).help("times and days in UTC (default)");
    static final Param<Boolean> CONTIGUOUS = Param.of("--contiguous", ParamTypes.flag())
            .help("a window crossing midnight counts as the day it started on");

    public TimeMatchType() {
        this(System::currentTimeMillis);
    }

    /** With a wall clock in milliseconds since the epoch (tests). */
    TimeMatchType(LongSupplier millisClock) {
        super(ExtensionDescriptor.match("time").ip()
                .params(TIMESTART, TIMESTOP, MONTHDAYS, WEEKDAYS, DATESTART, DATESTOP, KERNELTZ, UTC, CONTIGUOUS)
                .exclusive(UTC, KERNELTZ)
                .listFormatter(TimeMatchType::listing)
                .help("time match: time of day, weekdays, month days and dates").build(), millisClock);
    }

    /**
     * time_print of libxt_time, from the canonical arguments: {@code TIME from 01:02:03 to 04:05:06 on Mon,Fri
     * on 1st,2nd starting from 2001-02-03 04:05:06 until date 2012-09-08 09:06:05 UTC contiguous}; the end
     * date only when set, {@code UTC} unless {@code --kerneltz}. Irregular (UTC prints for an absent option,
     * the days in another order than saved), hence a formatter.
     */
    private static String listing(Args a, org.pkttables.api.ext.ListContext ctx) {
        StringBuilder sb = new StringBuilder(" TIME");
        if (a.has(TIMESTART)) {
            sb.append(" from ").append(TimeValues.DAYTIME.format(a.get(TIMESTART)).get(0))
                    .append(" to ").append(TimeValues.DAYTIME.format(a.get(TIMESTOP)).get(0));
        }
        if (a.has(WEEKDAYS)) {
            sb.append(" on ").append(TimeValues.WEEKDAY_SET.format(a.get(WEEKDAYS)).get(0));
        }
        if (a.has(MONTHDAYS)) {
            sb.append(" on ");
            long md = a.get(MONTHDAYS);
            String sep = "";
            for (int d = 1; d <= 31; d++) {
                if ((md & 1L << d) != 0) {
                    // as the tool prints them: 1st 2nd 3rd, and 11st 12nd 13rd too
                    String suffix = d % 10 == 1 ? "st" : d % 10 == 2 ? "nd" : d % 10 == 3 ? "rd" : "th";
                    sb.append(sep).append(d).append(suffix);
                    sep = ",";
                }
            }
        }
        if (a.has(DATESTART)) {
            sb.append(" starting from ").append(TimeValues.DATE.format(a.get(DATESTART)).get(0).replace('T', ' '));
        }
        if (a.has(DATESTOP) && a.get(DATESTOP) != TimeValues.DATE_MAX) {
            sb.append(" until date ").append(TimeValues.DATE.format(a.get(DATESTOP)).get(0).replace('T', ' '));
        }
        if (!a.has(KERNELTZ)) {
            sb.append(" UTC");
        }
        if (a.has(CONTIGUOUS)) {
            sb.append(" contiguous");
        }
        return sb.toString();
    }

    private static void check(Args args) {
        // (--utc with --kerneltz: the descriptor's exclusion)
        if (args.has(CONTIGUOUS) && args.getOr(TIMESTART, 0) < args.getOr(TIMESTOP, DAY_END)) {
            throw new ParameterProblem("--contiguous is only for a window crossing midnight"
                    + " (--timestart after --timestop)",
                    "time: --contiguous only makes sense when stoptime is smaller than starttime");
        }
    }

    @Override
    public Args canonicalize(Args args) {
        check(args);
        Args.Builder b = args.toBuilder().remove(UTC);
        int start = args.getOr(TIMESTART, 0);
        int stop = args.getOr(TIMESTOP, DAY_END);
        if (start == 0 && stop == DAY_END) {
            b.remove(TIMESTART).remove(TIMESTOP);
        } else {
            b.put(TIMESTART, start).put(TIMESTOP, stop);
        }
        long md = monthdays(args);
        b.remove(MONTHDAYS);
        if (md != TimeValues.ALL_MONTHDAYS) {
            b.put(MONTHDAYS, md);
        }
        int wd = weekdays(args);
        b.remove(WEEKDAYS);
        if (wd != TimeValues.ALL_WEEKDAYS) {
            b.put(WEEKDAYS, wd);
        }
        if (args.has(DATESTART) && args.get(DATESTART) == 0) {
            b.remove(DATESTART);
        }
        b.put(DATESTOP, args.getOr(DATESTOP, TimeValues.DATE_MAX));
        return b.build();
    }

    private static long monthdays(Args args) {
        if (!args.has(MONTHDAYS)) {
            return TimeValues.ALL_MONTHDAYS;
        }
        long m = args.get(MONTHDAYS);
        return args.inverted(MONTHDAYS) ? ~m & TimeValues.ALL_MONTHDAYS : m;
    }

    private static int weekdays(Args args) {
        if (!args.has(WEEKDAYS)) {
            return TimeValues.ALL_WEEKDAYS;
        }
        int m = args.get(WEEKDAYS);
        return args.inverted(WEEKDAYS) ? ~m & TimeValues.ALL_WEEKDAYS : m;
    }

    @Override
    public Match compile(Args args) {
        check(args);
        int offset = args.has(KERNELTZ) ? TimeZone.getDefault().getOffset(clock.getAsLong()) / 1000 : 0;
        return new TimeMatch(clock, offset, args.getOr(TIMESTART, 0), args.getOr(TIMESTOP, DAY_END),
                monthdays(args), weekdays(args), args.getOr(DATESTART, 0L),
                args.getOr(DATESTOP, TimeValues.DATE_MAX), args.has(CONTIGUOUS));
    }
}
