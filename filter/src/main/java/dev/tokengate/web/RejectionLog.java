package dev.tokengate.web;

import dev.tokengate.internal.http.LogThrottle;

import dev.tokengate.RejectionReason;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs rejections at DEBUG (JUL's FINE): one line naming the reason, never the token, never a stack trace. At most
 * {@link #LINES_PER_MINUTE} lines per reason per minute; the next line after a quiet spell says how many were
 * left out, so a flood of bad tokens cannot fill a disk.
 */
final class RejectionLog {
    static final int LINES_PER_MINUTE = 10;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Logger logger;
    private final LongSupplier nanoClock;
    private final Map<RejectionReason, LogThrottle> windows = new EnumMap<>(RejectionReason.class);

    public RejectionLog(Logger logger, LongSupplier nanoClock) {
        this.logger = logger;
        this.nanoClock = nanoClock;
        for (RejectionReason reason : RejectionReason.values()) {
            windows.put(reason, new LogThrottle(LINES_PER_MINUTE, MINUTE_NANOS, nanoClock.getAsLong()));
        }
    }

    public static RejectionLog standard() {
        return new RejectionLog(System.getLogger("dev.tokengate"), System::nanoTime);
    }

    /** Until when (nano clock) rejections are logged at INFO: the operator's switch, through JMX. */
    private volatile long infoUntilNanos = Long.MIN_VALUE;

    public void rejected(RejectionReason reason, String method, String path) {
        long now = nanoClock.getAsLong();
        Level level = now - infoUntilNanos < 0 ? Level.INFO : Level.DEBUG;
        if (!logger.isLoggable(level)) {
            return;
        }
        long suppressed = windows.get(reason).admit(now);
        if (suppressed >= 0) {
            logger.log(level, "tokengate rejected {0} {1}: {2}{3}", printable(method), printable(path), reason.name(),
                    LogThrottle.suppressedNote(suppressed));
        }
    }

    /** Rejections at INFO for {@code duration} from now (zero: back to DEBUG). */
    void logAtInfoFor(java.time.Duration duration) {
        infoUntilNanos = duration.isZero() ? Long.MIN_VALUE : nanoClock.getAsLong() + duration.toNanos();
    }

    long infoSecondsLeft() {
        long left = infoUntilNanos - nanoClock.getAsLong();
        return infoUntilNanos == Long.MIN_VALUE || left <= 0 ? 0 : java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(left);
    }

    /** Request text with control characters escaped, so a path cannot forge log lines; long paths cut short. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > 200 ? out.append("...").toString() : out.toString();
    }
}
