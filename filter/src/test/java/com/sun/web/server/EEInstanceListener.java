package com.sun.web.server;

import java.util.function.BooleanSupplier;

/** Stands in for GlassFish 8's listener of this name (Payara's and GlassFish 7's {@link J2EEInstanceListener}). */
public final class EEInstanceListener {
    private EEInstanceListener() {
    }

    /** @return what {@code read} answers when asked from inside this class */
    public static boolean handleBeforeEvent(BooleanSupplier read) {
        return read.getAsBoolean();
    }
}
