package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see of a running application: the JMX view's counters after a known sequence of requests, its
 * readiness, the switch that raises rejections to INFO, and the view's end with the application.
 */
class MonitoringTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    static ServletServer app(JwksServer issuer) throws Exception {
        return new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.PROTECTED_PATHS, "/secure/*"));
    }

    static ObjectName viewOf(ServletServer app) {
        return ((TokengateRuntime) app.attribute(ServletContextRuntime.ATTRIBUTE)).management().registeredAs();
    }

    /** A JMX map attribute (TabularData of key and value) as a map. */
    static Map<String, Object> map(ObjectName view, String attribute) throws Exception {
        Map<String, Object> values = new HashMap<>();
        for (Object row : ((TabularData) JMX.getAttribute(view, attribute)).values()) {
            CompositeData entry = (CompositeData) row;
            values.put((String) entry.get("key"), entry.get("value"));
        }
        return values;
    }

    @Test
    void theCountersShowAKnownSequenceOfRequests() throws Exception {
        try (JwksServer issuer = new JwksServer().serve(KEY); ServletServer app = app(issuer)) {
            String valid = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY);
            long now = Instant.now().getEpochSecond();
            String expired = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("iat", now - 7200)
                    .claim("exp", now - 3600).signWith(KEY);
            String foreign = "Bearer " + Tokens.valid(KEY).claim("iss", "https://elsewhere.example/").signWith(KEY);
            app.get("/secure/whoami", "Authorization", valid);
            app.get("/secure/whoami", "Authorization", valid);
            app.get("/secure/whoami", "Authorization", expired);
            app.get("/secure/whoami", "Authorization", foreign);
            app.get("/secure/whoami");
            app.get("/public/ping", "Authorization", expired); // never validated: counts nowhere

            ObjectName view = viewOf(app);
            assertThat(view.getKeyProperty("application")).isEqualTo("\"/\"");
            assertThat(map(view, "AcceptedTokens")).containsExactly(Map.entry("default", 2L));
            assertThat(map(view, "Refusals")).containsOnly(Map.entry("expired default", 1L),
                    Map.entry("wrong_issuer unknown", 1L), Map.entry("missing_token unknown", 1L));
            assertThat(map(view, "IssuerCalls")).containsEntry("jwks default success", 1L);
            assertThat(map(view, "CacheEvents")).containsEntry("verified-tokens default hit", 1L);
            assertThat((Long) map(view, "KeySetAgeSeconds").get("default")).isBetween(0L, 60L);
            assertThat(JMX.getAttribute(view, "Ready")).isEqualTo(true);
        }
    }

    @Test
    void notReadyWhileTheJwksHasNeverAnswered() throws Exception {
        try (JwksServer issuer = new JwksServer().serve(KEY)) {
            issuer.down(true);
            try (ServletServer app = app(issuer)) {
                app.get("/secure/whoami", "Authorization", "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY));
                ObjectName view = viewOf(app);
                assertThat(JMX.getAttribute(view, "Ready")).isEqualTo(false);
                assertThat((String[]) JMX.getAttribute(view, "ReadinessProblems")).singleElement().asString()
                        .startsWith("default: no key set loaded yet; last error: JWKS: ");

                issuer.down(false);
                app.get("/secure/whoami", "Authorization", "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY));
                // the key set is fetched in the background after the back-off; readiness follows it
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!(Boolean) JMX.getAttribute(view, "Ready") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    app.get("/secure/whoami", "Authorization", "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY));
                }
                assertThat(JMX.getAttribute(view, "Ready")).isEqualTo(true);
            }
        }
    }

    @Test
    void rejectionsCanBeRaisedToInfoForAWhile() throws Exception {
        try (JwksServer issuer = new JwksServer().serve(KEY); ServletServer app = app(issuer)) {
            ObjectName view = viewOf(app);
            assertThat(JMX.getAttribute(view, "RejectionsAtInfoSecondsLeft")).isEqualTo(0L);
            JMX.invoke(view, "logRejectionsAtInfo", new Object[] {5}, new String[] {"int"});
            assertThat((Long) JMX.getAttribute(view, "RejectionsAtInfoSecondsLeft")).isBetween(290L, 300L);
            JMX.invoke(view, "logRejectionsAtInfo", new Object[] {0}, new String[] {"int"});
            assertThat(JMX.getAttribute(view, "RejectionsAtInfoSecondsLeft")).isEqualTo(0L);
        }
    }

    @Test
    void theViewGoesAwayWithTheApplication() throws Exception {
        ObjectName view;
        try (JwksServer issuer = new JwksServer().serve(KEY); ServletServer app = app(issuer)) {
            view = viewOf(app);
            assertThat(JMX.isRegistered(view)).isTrue();
        }
        assertThat(JMX.isRegistered(view)).isFalse();
    }
}
