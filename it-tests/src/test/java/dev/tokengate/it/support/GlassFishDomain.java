package dev.tokengate.it.support;

import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Makes the GlassFish 8 that Maven unpacked (the {@code glassfish} zip, with its shipped {@code domain1}) listen on
 * 127.0.0.1 only, before arquillian-glassfish-server-managed starts it: every HTTP, admin and IIOP listener on
 * 127.0.0.1 at ports from the base {@value #PORT_BASE} (admin +48, http +80, https +81, as in arquillian.xml), the
 * JMX connector off, a REMOTE JMS service (else GlassFish opens a lazy JMS listener on every interface), and the
 * Java it runs on (21+, {@value #JAVA}) in {@code asenv.conf}. Nothing about tokengate: in particular the key store
 * password GlassFish leaves unset stays unset, as on a stock installation.
 */
public final class GlassFishDomain {
    static final String HOME = "tokengate.it.glassfish.home";
    static final String JAVA = "tokengate.it.glassfish.java";
    static final int PORT_BASE = 21000;

    public void prepare(@Observes BeforeSetup event) throws Exception {
        Path home = Paths.get(required(HOME));
        Path java = Paths.get(required(JAVA));
        if (!Files.isExecutable(java.resolve("bin").resolve("java"))) {
            throw new IllegalStateException("GlassFish 8 needs Java 21 or later, and " + java + " has no bin/java: set "
                    + "-Dit.glassfish.java=<a JDK 21+ home> for mvn (it-tests/pom.xml)");
        }
        for (File script : home.resolve("glassfish").resolve("bin").toFile().listFiles()) {
            script.setExecutable(true, false);
        }
        for (File script : home.resolve("bin").toFile().listFiles()) {
            script.setExecutable(true, false);
        }
        Path asenv = home.resolve("glassfish/config/asenv.conf");
        String line = "AS_JAVA=\"" + java + "\"";
        String current = Files.readString(asenv);
        if (!current.contains(line)) {
            Files.writeString(asenv, current + "\n" + line + "\n");
        }
        editDomainXml(home.resolve("glassfish/domains/domain1/config/domain.xml"), PORT_BASE);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it: it-tests/pom.xml)");
        }
        return value;
    }

    private static void editDomainXml(Path domainXml, int p) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(domainXml.toFile());
        XPath xp = XPathFactory.newInstance().newXPath();
        String sc = "/domain/configs/config[@name='server-config']";

        Map<String, Integer> listeners = Map.of("admin-listener", p + 48, "http-listener-1", p + 80, "http-listener-2", p + 81);
        for (var l : listeners.entrySet()) {
            Element e = one(xp, doc, sc + "/network-config/network-listeners/network-listener[@name='" + l.getKey() + "']");
            e.setAttribute("address", "127.0.0.1");
            e.setAttribute("port", String.valueOf(l.getValue()));
        }
        Map<String, Integer> iiop = Map.of("orb-listener-1", p + 37, "SSL", p + 38, "SSL_MUTUALAUTH", p + 39);
        for (var l : iiop.entrySet()) {
            Element e = one(xp, doc, sc + "/iiop-service/iiop-listener[@id='" + l.getKey() + "']");
            e.setAttribute("address", "127.0.0.1");
            e.setAttribute("port", String.valueOf(l.getValue()));
        }
        Element jmx = one(xp, doc, sc + "/admin-service/jmx-connector[@name='system']");
        jmx.setAttribute("enabled", "false");
        jmx.setAttribute("address", "127.0.0.1");
        jmx.setAttribute("port", String.valueOf(p + 86));

        one(xp, doc, sc + "/system-property[@name='JMS_PROVIDER_PORT']").setAttribute("value", String.valueOf(p + 76));
        if (opt(xp, doc, sc + "/jms-service") == null) {
            // without one GlassFish adds type="EMBEDDED" host="localhost" lazy-init, whose lazy listener binds 0.0.0.0
            Element jms = doc.createElement("jms-service");
            jms.setAttribute("type", "REMOTE");
            jms.setAttribute("default-jms-host", "default_JMS_host");
            jms.setAttribute("addresslist-behavior", "priority");
            Element host = doc.createElement("jms-host");
            host.setAttribute("name", "default_JMS_host");
            host.setAttribute("host", "127.0.0.1");
            host.setAttribute("port", "${JMS_PROVIDER_PORT}");
            host.setAttribute("admin-user-name", "admin");
            host.setAttribute("admin-password", "admin");
            host.setAttribute("lazy-init", "true");
            jms.appendChild(host);
            Element config = one(xp, doc, sc);
            config.insertBefore(jms, one(xp, doc, sc + "/connector-service").getNextSibling());
        }

        Element javaConfig = one(xp, doc, sc + "/java-config");
        javaConfig.setAttribute("debug-options",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + (p + 9));
        one(xp, doc, sc + "/java-config/jvm-options[starts-with(., '-Dosgi.shell.telnet.port=')]")
                .setTextContent("-Dosgi.shell.telnet.port=" + (p + 66));
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(domainXml.toFile()));
    }

    private static Element opt(XPath xp, Document doc, String expr) throws XPathExpressionException {
        NodeList nl = (NodeList) xp.evaluate(expr, doc, XPathConstants.NODESET);
        if (nl.getLength() > 1) {
            throw new IllegalStateException(expr + " matches " + nl.getLength() + " nodes");
        }
        return nl.getLength() == 0 ? null : (Element) nl.item(0);
    }

    private static Element one(XPath xp, Document doc, String expr) throws XPathExpressionException {
        Element e = opt(xp, doc, expr);
        if (e == null) {
            throw new IllegalStateException("not in domain.xml: " + expr);
        }
        return e;
    }

}
