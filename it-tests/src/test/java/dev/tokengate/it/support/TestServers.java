package dev.tokengate.it.support;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.util.Locale;

/**
 * Which server of the matrix this test JVM runs against, and the Arquillian pieces that server needs beside its
 * adapter (registered in {@code META-INF/services}). Failsafe runs one execution per server (it-tests/pom.xml), each
 * with only that server's adapter on the class path and {@value #PROPERTY} set; the test classes are the same for all.
 */
public enum TestServers {
    PAYARA_MICRO, WILDFLY, LIBERTY, GLASSFISH, TOMCAT, JETTY;

    public static final String PROPERTY = "tokengate.it.server";

    /** The server of this run; Payara Micro when nothing says otherwise (an IDE run of a single class). */
    public static TestServers current() {
        String name = System.getProperty(PROPERTY, "payara-micro");
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Servers that run in this JVM (the WAR carries its JAX-RS and CDI implementations, as a user's would). */
    public boolean embedded() {
        return this == TOMCAT || this == JETTY;
    }

    public static final class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            switch (current()) {
                case PAYARA_MICRO -> new PayaraMicroGuard().register(builder);
                case TOMCAT -> builder.service(DeployableContainer.class, EmbeddedTomcat.class);
                case JETTY -> builder.service(DeployableContainer.class, EmbeddedJetty.class);
                case LIBERTY -> builder.service(DeployableContainer.class, LibertyServer.class);
                case GLASSFISH -> builder.observer(GlassFishDomain.class);
                default -> {
                    // WildFly: its own Arquillian adapter does it all
                }
            }
        }
    }
}
