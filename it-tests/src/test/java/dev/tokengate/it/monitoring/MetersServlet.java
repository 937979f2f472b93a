package dev.tokengate.it.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An application that has Micrometer (in its {@code WEB-INF/lib}) and adds a registry to Micrometer's global one, as
 * an application adds its Prometheus registry: prints the tokengate meters that registry sees, as sorted lines
 * ({@code <name> <tag>=<value>,... <value>}, tags sorted by name; a function timer as {@code count=<n> seconds=<s>}). Deployed, not run here.
 */
@WebServlet(urlPatterns = "/tokengate-meters", loadOnStartup = 1)
public class MetersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    public void init() {
        Metrics.addRegistry(registry);
    }

    @Override
    public void destroy() {
        Metrics.removeRegistry(registry);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        TreeSet<String> lines = new TreeSet<>();
        for (Meter meter : registry.getMeters()) {
            if (!meter.getId().getName().startsWith("tokengate.")) {
                continue;
            }
            String tags = meter.getId().getTags().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(","));
            String value;
            if (meter instanceof FunctionCounter counter) {
                value = String.valueOf((long) counter.count());
            } else if (meter instanceof FunctionTimer timer) {
                value = "count=" + (long) timer.count() + " seconds=" + timer.totalTime(TimeUnit.SECONDS);
            } else if (meter instanceof Gauge gauge) {
                value = String.valueOf((long) gauge.value());
            } else {
                value = meter.getClass().getSimpleName();
            }
            lines.add(meter.getId().getName() + " " + tags + " " + value);
        }
        lines.forEach(out::println);
    }
}
