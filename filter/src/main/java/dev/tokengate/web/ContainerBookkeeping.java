package dev.tokengate.web;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises a server's own reads of the caller, made on tokengate's request wrapper before the application runs, so
 * that they do not start a validation the application never asked for.
 *
 * <p>Payara and GlassFish ({@code com.sun.web.server.J2EEInstanceListener.handleBeforeEvent}, in GlassFish 8
 * {@code EEInstanceListener}) call
 * {@code getUserPrincipal()} on the request they are about to hand to every filter and servlet, to carry a caller that
 * a request wrapper supplies into the EJB security context. Answered as the application's own question, that call
 * validated every token sent to a public endpoint: an introspection call per random opaque token, the public endpoint
 * waiting for a hanging issuer, the counters moving. While the request's outcome is still undecided, such a call gets
 * the container's own answer instead (no caller, unless another mechanism set one); once the application has asked,
 * it gets the token as everyone else does. EJBs therefore see the bearer caller on these servers as on every other:
 * with {@code tokengate.container-authentication=true}, which tells the container itself.
 *
 * <p>The call is recognised by its caller's class, which the stack names: the servers offer no other sign. The walk
 * is short (a few frames) and runs only on the servers named by {@link #forServer}, only for a request whose outcome
 * is not yet known; everywhere else this costs one field read.
 */
final class ContainerBookkeeping {
    /** Where no server reads the caller early: nothing to recognise. */
    static final ContainerBookkeeping NONE = new ContainerBookkeeping(Set.of());

    /** Payara's name for it, and GlassFish 7's; GlassFish 8 renamed it. */
    private static final Set<String> GLASSFISH_LISTENERS = Set.of("com.sun.web.server.J2EEInstanceListener",
            "com.sun.web.server.EEInstanceListener");
    /** The wrapper's method, the helper that asks here, this class: the server's frame is within the next few. */
    private static final int FRAMES = 6;

    private final Set<String> callerClasses;
    private final StackWalker walker;

    private ContainerBookkeeping(Set<String> callerClasses) {
        this.callerClasses = callerClasses;
        this.walker = callerClasses.isEmpty() ? null : StackWalker.getInstance();
    }

    /**
     * @param serverInfo the container's {@code ServletContext.getServerInfo()}
     * @return what to recognise on that server
     */
    static ContainerBookkeeping forServer(String serverInfo) {
        String server = serverInfo == null ? "" : serverInfo.toLowerCase(Locale.ROOT);
        return server.contains("glassfish") || server.contains("payara")
                ? new ContainerBookkeeping(GLASSFISH_LISTENERS) : NONE;
    }

    /** @return whether the current call on the request wrapper comes from the server's bookkeeping */
    boolean isCallerTheServer() {
        return walker != null && walker.walk(frames -> frames.limit(FRAMES)
                .anyMatch(frame -> callerClasses.contains(frame.getClassName())));
    }
}
