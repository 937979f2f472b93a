package dev.tokengate.web;

import dev.tokengate.internal.metrics.TokengateMetrics;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@link TokengateMXBean} of one application, registered while it runs. A server that refuses applications the
 * platform MBean server (a security manager, say) only loses this view: tokengate works on, and says so once.
 */
final class Management implements TokengateMXBean {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final String application;
    private final TokengateMetrics metrics;
    private final RejectionLog rejectionLog;
    private final Duration failureThreshold;
    private volatile ObjectName registeredAs;

    Management(String application, TokengateMetrics metrics, RejectionLog rejectionLog, Duration failureThreshold) {
        this.application = application == null || application.isEmpty() ? "/" : application;
        this.metrics = metrics;
        this.rejectionLog = rejectionLog;
        this.failureThreshold = failureThreshold;
    }

    /** Registers under the application's name, or with an {@code instance} number when that name is taken. */
    void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (int instance = 1; instance < 100; instance++) {
                ObjectName name = new ObjectName("dev.tokengate:type=Tokengate,application=" + ObjectName.quote(application)
                        + (instance == 1 ? "" : ",instance=" + instance));
                try {
                    server.registerMBean(this, name);
                    registeredAs = name;
                    return;
                } catch (InstanceAlreadyExistsException taken) {
                    // another deployment of the same path: try the next instance number
                }
            }
        } catch (JMException | RuntimeException refused) {
            LOG.log(System.Logger.Level.INFO, "tokengate: no JMX view of {0} ({1}); everything else works",
                    application, refused.getClass().getSimpleName());
        }
    }

    void unregister() {
        ObjectName name = registeredAs;
        if (name != null) {
            registeredAs = null;
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException | RuntimeException gone) {
                // already gone with the server
            }
        }
    }

    ObjectName registeredAs() {
        return registeredAs;
    }

    @Override
    public String getApplication() {
        return application;
    }

    @Override
    public Map<String, Long> getAcceptedTokens() {
        return metrics.acceptedByIssuer();
    }

    @Override
    public Map<String, Long> getRefusals() {
        return metrics.refusals();
    }

    @Override
    public Map<String, Long> getIssuerCalls() {
        return metrics.issuerCalls();
    }

    @Override
    public Map<String, Double> getIssuerCallSeconds() {
        return metrics.issuerCallSeconds();
    }

    @Override
    public Map<String, Long> getKeySetAgeSeconds() {
        return metrics.keySetAgeSeconds();
    }

    @Override
    public Map<String, Long> getCacheEvents() {
        return metrics.cacheEvents();
    }

    @Override
    public boolean isReady() {
        return metrics.notReady(failureThreshold).isEmpty();
    }

    @Override
    public List<String> getReadinessProblems() {
        return metrics.notReady(failureThreshold);
    }

    @Override
    public long getRejectionsAtInfoSecondsLeft() {
        return rejectionLog.infoSecondsLeft();
    }

    @Override
    public void logRejectionsAtInfo(int minutes) {
        int bounded = Math.max(0, Math.min(1440, minutes));
        rejectionLog.logAtInfoFor(Duration.ofMinutes(bounded));
        LOG.log(System.Logger.Level.INFO, "tokengate: rejections in {0} are logged at INFO for {1} minutes",
                application, bounded);
    }
}
