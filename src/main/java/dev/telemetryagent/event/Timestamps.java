package dev.telemetryagent.event;

/** ISO-8601 UTC timestamps with milliseconds ({@code 2026-11-21T10:15:30.123Z}), without java.time's formatter. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Formats epoch milliseconds. */
    public static String iso(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // Howard Hinnant's days-to-civil algorithm.
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        StringBuilder sb = new StringBuilder(24);
        pad(sb, y, 4).append('-');
        pad(sb, m, 2).append('-');
        pad(sb, d, 2).append('T');
        pad(sb, msOfDay / 3_600_000L, 2).append(':');
        pad(sb, msOfDay / 60_000L % 60, 2).append(':');
        pad(sb, msOfDay / 1000L % 60, 2).append('.');
        pad(sb, msOfDay % 1000L, 3).append('Z');
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
