package dev.tokengate.internal.config;

import java.util.Locale;

/**
 * Hosts that never leave the machine, so plain HTTP to them is allowed without an opt-in. Decided from the name alone:
 * resolving DNS here would let a name that points at loopback today point elsewhere tomorrow.
 */
public final class LoopbackHosts {
    private LoopbackHosts() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
