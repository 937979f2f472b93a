package dev.tokengate.it.support;

import dev.tokengate.test.TestIssuer;

/**
 * The issuer of the it-tests: tokengate-test's {@link TestIssuer} (on 127.0.0.1, at a free port), one per test JVM,
 * started by the first call to {@link #get()} and closed when the JVM exits. Not the kit's JUnit extension: the
 * {@code @Deployment} methods are static and need the issuer's port before the WAR is built. {@link MockOAuth2Issuer}
 * is the third-party issuer beside it.
 */
public final class KitIssuer {
    /** The audience the test WARs are configured with, and the kit's tokens carry unless told otherwise. */
    public static final String AUDIENCE = "https://api.tokengate.test";

    private static TestIssuer instance;

    private KitIssuer() {
    }

    /** The running issuer; starts it on first use. */
    public static synchronized TestIssuer get() {
        if (instance == null) {
            TestIssuer issuer = TestIssuer.create().audience(AUDIENCE).start();
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "tokengate-test issuer shutdown"));
            System.out.println("[it] tokengate-test issuer " + issuer.issuer());
            instance = issuer;
        }
        return instance;
    }
}
