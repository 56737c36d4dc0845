package org.pkttables.ext.matches.impl;

import java.util.function.LongSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled time match, as the kernel's time_mt, on the wall clock when the packet is evaluated:
 * date range, then the daily window (a window crossing midnight matches on both sides; with
 * contiguous, the part after midnight counts as the previous day), weekday (Monday 1 .. Sunday 7)
 * and day of the month, all by integer arithmetic on the epoch second. The local-zone offset is taken
 * once when the rule is compiled, as the kernel keeps one fixed {@code sys_tz}.
 */
record TimeMatch(LongSupplier clock, long offset, int start, int stop, long monthdays, int weekdays, long dateStart,
        long dateStop, boolean contiguous) implements Match {
    private static final long DAY = 86400;

    @Override
    public boolean matches(PacketContext p) {
        long stamp = Math.floorDiv(clock.getAsLong(), 1000L) + offset;
        if (stamp < dateStart || stamp > dateStop) {
            return false;
        }
        long secOfDay = Math.floorMod(stamp, DAY);
        if (start < stop) {
            if (secOfDay < start || secOfDay > stop) {
                return false;
            }
        } else {
            if (secOfDay < start && secOfDay > stop) {
                return false;
            }
            if (contiguous && secOfDay <= stop) {
                stamp -= DAY;
            }
        }
        long days = Math.floorDiv(stamp, DAY);
        int weekday = (int) Math.floorMod(4 + days - 1, 7L) + 1;
        if ((weekdays & 1 << weekday) == 0) {
            return false;
        }
        return monthdays == TimeValues.ALL_MONTHDAYS || (monthdays & 1L << dayOfMonth(days)) != 0;
    }

    /** Day of the month of a day number since 1970-01-01 (H. Hinnant's civil_from_days). */
    static int dayOfMonth(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        return (int) (doy - (153 * mp + 2) / 5 + 1);
    }
}
