package dev.tokengate.it.support;

import org.apache.catalina.Container;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Tomcat 11 in the test JVM, deploying each WAR as Tomcat's own deployer does: a {@code StandardContext} with
 * {@code ContextConfig} (web.xml, annotations, and the {@code ServletContainerInitializer}s of {@code WEB-INF/lib}),
 * its own child-first web-application class loader, and no default web.xml (no JSP servlet: Jasper is not here).
 */
public final class EmbeddedTomcat extends EmbeddedServer {
    private Tomcat tomcat;

    @Override
    List<String> serverClassPrefixes() {
        return List.of("jakarta.servlet.", "jakarta.el.", "jakarta.websocket.", "jakarta.security.auth.message.",
                "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.", "org.apache.naming.",
                "org.apache.juli.");
    }

    @Override
    int startServer(Path workDir, ClassLoader serverClasses) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toString());
        java.nio.file.Files.createDirectories(workDir.resolve("webapps")); // the host's appBase, where WARs expand
        Connector connector = new Connector("HTTP/1.1");
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(0);
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        tomcat.getHost().setDeployOnStartup(false);
        tomcat.getHost().setParentClassLoader(serverClasses);
        tomcat.getServer().setPort(-1); // no shutdown port
        Connector https = httpsConnector();
        tomcat.getService().addConnector(https);
        tomcat.start();
        System.setProperty(HTTPS_PORT_PROPERTY, Integer.toString(https.getLocalPort()));
        return connector.getLocalPort();
    }

    /** Where the tests of certificate-bound tokens over real TLS find this server's HTTPS port. */
    public static final String HTTPS_PORT_PROPERTY = "tokengate.it.https-port";

    /**
     * HTTPS on loopback that asks for a client certificate but lets a client without one in (RFC 8705 needs the
     * certificate only for certificate-bound tokens), and trusts the test client's certificate.
     */
    private static Connector httpsConnector() {
        TlsMaterial tls = TlsMaterial.get();
        Connector https = new Connector("HTTP/1.1");
        https.setProperty("address", "127.0.0.1");
        https.setPort(0);
        https.setScheme("https");
        https.setSecure(true);
        https.setProperty("SSLEnabled", "true");
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setCertificateVerification("optional");
        ssl.setTruststoreFile(tls.serverTruststore().toString());
        ssl.setTruststorePassword(TlsMaterial.PASSWORD);
        ssl.setTruststoreType("PKCS12");
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.EC);
        certificate.setCertificateKeystoreFile(tls.serverKeystore().toString());
        certificate.setCertificateKeystorePassword(TlsMaterial.PASSWORD);
        certificate.setCertificateKeystoreType("PKCS12");
        ssl.addCertificate(certificate);
        https.addSslHostConfig(ssl);
        return https;
    }

    @Override
    void stopServer() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Override
    void deployWar(String contextPath, File war) {
        StandardContext context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(war.getAbsolutePath());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        Tomcat.addDefaultMimeTypeMappings(context);
        try {
            tomcat.getHost().addChild(context); // starts it
        } catch (RuntimeException failed) {
            tomcat.getHost().removeChild(context);
            throw failed;
        }
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.getHost().removeChild(context);
            throw new IllegalStateException("context " + contextPath + " is " + context.getState() + ": see the log");
        }
    }

    @Override
    void undeployWar(String contextPath) {
        Container context = tomcat.getHost().findChild(contextPath);
        if (context != null) {
            tomcat.getHost().removeChild(context); // stops and destroys it: Tomcat reports threads it left running
        }
    }
}
