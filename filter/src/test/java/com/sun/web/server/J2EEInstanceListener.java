package com.sun.web.server;

import java.util.function.BooleanSupplier;

/**
 * Stands in for Payara's and GlassFish's listener of this name, which reads the caller of every request before each
 * filter and servlet: only its name matters to {@code dev.tokengate.web.ContainerBookkeeping}.
 */
public final class J2EEInstanceListener {
    private J2EEInstanceListener() {
    }

    /** @return what {@code read} answers when asked from inside this class */
    public static boolean handleBeforeEvent(BooleanSupplier read) {
        return read.getAsBoolean();
    }
}
