package dev.tokengate.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * tokengate's MicroProfile Health readiness check, named {@value #NAME}: down while an issuer whose keys come from a
 * JWKS has never had a key set loaded, or while introspection or userinfo calls have failed past
 * {@code tokengate.health.failure-threshold}; each such issuer is a data entry with its last error. Never a liveness
 * check. The jar's {@code beans.xml} keeps this package out of bean scanning; {@code OptionalBeansExtension} adds this
 * class as a bean only where the Health API exists, so the server's MicroProfile Health finds it as it finds any
 * application's check.
 *
 * <p>A health check runs outside any request, where CDI offers no {@code ServletContext}; so it reads the application's
 * JMX view, recognised by the class loader that registered it, which is this jar's: the application's own copy in
 * {@code WEB-INF/lib}. (With the JMX view switched off there is nothing to read, and the check says so, up.)
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    static final String NAME = "tokengate";

    @Override
    public HealthCheckResponse call() {
        List<String> problems = new ArrayList<>();
        boolean found = false;
        try {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName view : jmx.queryNames(new ObjectName("dev.tokengate:type=Tokengate,*"), null)) {
                if (jmx.getClassLoaderFor(view) == ReadinessCheck.class.getClassLoader()) {
                    found = true;
                    for (String problem : (String[]) jmx.getAttribute(view, "ReadinessProblems")) {
                        problems.add(problem);
                    }
                }
            }
        } catch (JMException | RuntimeException unreadable) {
            problems.add("tokengate: its JMX view cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(problems.isEmpty());
        if (!found && problems.isEmpty()) {
            response.withData("jmx", "no view registered (tokengate.jmx.enabled=false, or not started yet)");
        }
        for (String problem : problems) {
            int colon = problem.indexOf(':');
            response.withData(colon > 0 ? problem.substring(0, colon) : "issuer",
                    colon > 0 ? problem.substring(colon + 1).trim() : problem);
        }
        return response.build();
    }
}
