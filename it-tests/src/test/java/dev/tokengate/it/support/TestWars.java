package dev.tokengate.it.support;

import dev.tokengate.test.TestIssuer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * ShrinkWrap WARs that use tokengate the way a user does: its jars (and their runtime dependencies) in
 * {@code WEB-INF/lib}, configured by {@code WEB-INF/classes/META-INF/microprofile-config.properties}.
 *
 * <p>The jars are the ones the build copied to {@code target/war-lib} (system property {@value #WAR_LIB_PROPERTY},
 * set by failsafe): the runtime classpath of the it-tests module, so the freshly built {@code tokengate-filter} jar of
 * the reactor. To run a test from an IDE, run {@code mvn -pl it-tests -am verify} once and pass the same properties
 * ({@code -Dtokengate.it.war-lib=.../it-tests/target/war-lib}, env {@code MICRO_JAR=.../payara-micro-<v>.jar}).
 */
public final class TestWars {
    public static final String WAR_LIB_PROPERTY = "tokengate.it.war-lib";
    public static final String CONFIG_RESOURCE = "META-INF/microprofile-config.properties";
    public static final String SAMPLE_WAR_PROPERTY = "tokengate.it.sample-war";

    private TestWars() {
    }

    /**
     * A WAR named {@code name + ".war"} (context root {@code /name}) with the tokengate jars in {@code WEB-INF/lib} and
     * {@code config} as its MicroProfile Config file. Add the application's classes to it.
     */
    public static WebArchive withTokengate(String name, Map<String, String> config) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war");
        war.addAsLibraries(warLibJars());
        if (TestServers.current().embedded()) {
            addServletContainerLibraries(war);
        }
        war.addAsResource(new StringAsset(properties(config)), CONFIG_RESOURCE);
        return war;
    }

    /**
     * The configuration that points a WAR at the {@link KitIssuer}: its issuer, its audience, and its JWKS URL (leave
     * {@code mp.jwt.verify.publickey.location} out to make the filter use OIDC discovery instead). RFC 9728 metadata is
     * switched off. A mutable copy: add {@code tokengate.*} properties to it.
     */
    public static Map<String, String> issuerConfig(TestIssuer issuer) {
        return issuerConfig(issuer.issuer(), issuer.audience(), issuer.jwksUri());
    }

    /** The same for any issuer (SeveralIssuersIT's {@link MockOAuth2Issuer}). */
    public static Map<String, String> issuerConfig(String issuer, String audience, String jwksUri) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", issuer);
        config.put("mp.jwt.verify.audiences", audience);
        config.put("mp.jwt.verify.publickey.location", jwksUri);
        // RFC 9728's resource_metadata would end every challenge the tests compare exactly; ResourceMetadataIT
        // removes this line and checks it on every server
        config.put("tokengate.resource-metadata.enabled", "false");
        return config;
    }

    /**
     * The sample WAR exactly as the sample-war module built it (copied to {@code target/sample.war}), with only its
     * MicroProfile Config file replaced by {@code config}.
     */
    public static WebArchive sampleWar(Map<String, String> config) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "sample.war").importFrom(sampleWarFile()).as(WebArchive.class);
        war.delete("WEB-INF/classes/" + CONFIG_RESOURCE);
        war.addAsResource(new StringAsset(properties(config)), CONFIG_RESOURCE);
        return war;
    }

    /**
     * What a Tomcat or Jetty user adds to {@code WEB-INF/lib} (Jersey, its JSON-B provider, Weld): the jars of the
     * sample WAR as the sample-war-servlet-container module built it, which this run deploys there instead of the
     * plain sample ({@value #SAMPLE_WAR_PROPERTY}).
     */
    private static void addServletContainerLibraries(WebArchive war) {
        WebArchive built = ShrinkWrap.create(ZipImporter.class, "container.war").importFrom(sampleWarFile()).as(WebArchive.class);
        built.getContent(path -> path.get().startsWith("/WEB-INF/lib/") && path.get().endsWith(".jar"))
                .forEach((path, node) -> {
                    if (!war.contains(path)) {
                        war.add(node.getAsset(), path);
                    }
                });
    }

    private static File sampleWarFile() {
        return new File(System.getProperty(SAMPLE_WAR_PROPERTY, "target/sample.war"));
    }

    /** The jars of the test class path that hold these classes: libraries an application puts in its WAR. */
    public static File[] jarsOf(Class<?>... classes) {
        return Arrays.stream(classes).map(type -> {
            try {
                return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }).distinct().toArray(File[]::new);
    }

    /** The jars the build copied for {@code WEB-INF/lib}. */
    public static File[] warLibJars() {
        String dir = System.getProperty(WAR_LIB_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property " + WAR_LIB_PROPERTY + " is not set: run the tests through"
                    + " `mvn verify` (failsafe sets it), or pass it pointing at it-tests/target/war-lib");
        }
        File[] jars = new File(dir).listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || Arrays.stream(jars).noneMatch(j -> j.getName().startsWith("tokengate-filter-"))) {
            throw new IllegalStateException(dir + " holds no tokengate-filter jar: maven-dependency-plugin copies it"
                    + " there in pre-integration-test (mvn -pl it-tests -am verify)");
        }
        Arrays.sort(jars);
        return jars;
    }

    public static String properties(Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "generated by dev.tokengate.it.support.TestWars");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
