package dev.tokengate.internal.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How tokengate keeps a flood from filling a disk: at most {@code lines} lines per window; the first line admitted
 * after a window that dropped some says how many. Lock-free, so logging never becomes a point of contention. One
 * throttle per kind of line (a rejection reason, an issuer's failures, a key set's fetch failures).
 */
public final class LogThrottle {
    private final int lines;
    private final long windowNanos;
    private final AtomicLong windowStart;
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** {@code now} in nanoseconds, on the same clock as later calls to {@link #admit(long)}. */
    public LogThrottle(int lines, long windowNanos, long now) {
        this.lines = lines;
        this.windowNanos = windowNanos;
        this.windowStart = new AtomicLong(now);
    }

    /** -1 when this line must be dropped, else how many were dropped since the last line admitted. */
    public long admit(long now) {
        long begun = windowStart.get();
        if (now - begun >= windowNanos && windowStart.compareAndSet(begun, now)) {
            admitted.set(0);
        }
        if (admitted.incrementAndGet() > lines) {
            dropped.incrementAndGet();
            return -1;
        }
        return dropped.getAndSet(0);
    }

    /** " (N similar lines not logged)" after a line that follows dropped ones, else nothing. */
    public static String suppressedNote(long suppressed) {
        return suppressed > 0 ? " (" + suppressed + " similar lines not logged)" : "";
    }
}
