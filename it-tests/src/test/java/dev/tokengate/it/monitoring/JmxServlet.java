package dev.tokengate.it.monitoring;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints this application's tokengate JMX view as sorted lines ({@code <attribute> <key>=<value>}), read from the
 * platform MBean server inside the server: how the it-tests see the counters on servers whose JMX is not reachable
 * from outside. Deployed, not run here.
 */
@WebServlet("/tokengate-jmx")
public class JmxServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        try {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            String application = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            Set<ObjectName> views = jmx.queryNames(new ObjectName("dev.tokengate:type=Tokengate,application="
                    + ObjectName.quote(application) + ",*"), null);
            if (views.size() != 1) {
                out.println("views " + views.size());
                return;
            }
            ObjectName view = views.iterator().next();
            Set<String> lines = new TreeSet<>();
            for (String attribute : new String[] {"AcceptedTokens", "Refusals", "IssuerCalls", "CacheEvents", "KeySetAgeSeconds"}) {
                for (Object row : ((TabularData) jmx.getAttribute(view, attribute)).values()) {
                    CompositeData entry = (CompositeData) row;
                    lines.add(attribute + " " + entry.get("key") + "=" + entry.get("value"));
                }
            }
            lines.add("Ready " + jmx.getAttribute(view, "Ready"));
            for (String problem : (String[]) jmx.getAttribute(view, "ReadinessProblems")) {
                lines.add("ReadinessProblem " + problem);
            }
            lines.forEach(out::println);
        } catch (Exception e) {
            out.println("error " + e);
        }
    }
}
