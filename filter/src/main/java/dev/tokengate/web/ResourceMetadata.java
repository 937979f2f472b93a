package dev.tokengate.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokengate.Scopes;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.config.TokengateConfig.ResourceMetadataSettings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RFC 9728 protected resource metadata for one application: which resource identifier a request belongs to, where its
 * metadata document is served, and the document itself.
 *
 * <p>The identifier is {@code tokengate.resource-metadata.resource}, or else the request's origin and the
 * application's context path. The document is served inside the application, at the context path followed by
 * {@code /.well-known/oauth-protected-resource} and the part of the identifier's path beyond the context path (RFC 9728
 * §3.1's insertion, made inside the application): for an application at the root this is exactly the well-known URL
 * RFC 9728 clients construct; elsewhere clients find it through the challenges' {@code resource_metadata}. The origin
 * is the request's scheme, host and port; {@code Forwarded} (RFC 7239) or {@code X-Forwarded-Proto} /
 * {@code X-Forwarded-Host} / {@code X-Forwarded-Port} count only when {@code tokengate.trust-forwarded-headers=true}.
 */
final class ResourceMetadata {
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    private static final JsonFactory JSON = new JsonFactory();

    private final ResourceMetadataSettings settings;
    private final List<String> issuers;
    private final List<String> bearerMethods;
    private final RequestOrigin origin;
    private final TokengateConfig.DPoPSettings dpop;

    ResourceMetadata(TokengateConfig config) {
        this.settings = config.resourceMetadata();
        List<String> trusted = new ArrayList<>();
        trusted.add(config.jwt().issuer());
        config.namedIssuers().forEach(named -> trusted.add(named.jwt().issuer()));
        this.issuers = List.copyOf(trusted);
        List<String> methods = new ArrayList<>();
        if (config.tokenLocations().fromAuthorizationHeader()) {
            methods.add("header");
        }
        if (config.tokenLocations().formParameter()) {
            methods.add("body");
        }
        if (config.tokenLocations().queryParameter()) {
            methods.add("query");
        }
        this.bearerMethods = List.copyOf(methods);
        this.origin = new RequestOrigin(settings.trustForwardedHeaders());
        this.dpop = config.dpop();
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** The resource identifier for this request, or {@code null} when its origin cannot be trusted into a URL. */
    String resourceOf(HttpServletRequest request) {
        if (settings.resource().isPresent()) {
            return settings.resource().get().toString();
        }
        String origin = originOf(request);
        return origin == null ? null : origin + request.getContextPath();
    }

    /** The URL of the metadata document for this request (the challenges' {@code resource_metadata}), or null. */
    String documentUrlOf(HttpServletRequest request) {
        String origin = originOf(request);
        return origin == null ? null : origin + documentPathOf(request.getContextPath(), resourcePathOf(request));
    }

    /**
     * The path of the resource identifier: the configured one's (checked at startup), else the context path. Never
     * parsed from request input, so nothing a client sends can make this throw.
     */
    private String resourcePathOf(HttpServletRequest request) {
        if (settings.resource().isPresent()) {
            String path = settings.resource().get().getRawPath();
            return path == null ? "" : path;
        }
        return request.getContextPath();
    }

    /** The path, from the origin, where the document is served by an application at {@code context}. */
    static String documentPathOf(String context, String resourcePath) {
        String suffix = resourcePath.startsWith(context) ? resourcePath.substring(context.length()) : resourcePath;
        if (suffix.equals("/")) {
            suffix = "";
        }
        return context + WELL_KNOWN + suffix;
    }

    /** Whether a request inside the application asks for this request's document (and not another path). */
    boolean isDocumentRequest(HttpServletRequest request) {
        if (resourceOf(request) == null) {
            return false;
        }
        String within = ProtectedPaths.pathOf(request);
        return (request.getContextPath() + within).equals(documentPathOf(request.getContextPath(), resourcePathOf(request)));
    }

    /** The JSON document for this request's resource identifier. */
    String documentFor(HttpServletRequest request, ServletContext context) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("resource", resourceOf(request));
            json.writeArrayFieldStart("authorization_servers");
            for (String issuer : issuers) {
                json.writeString(issuer);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("scopes_supported");
            for (String scope : scopesSupported(context)) {
                json.writeString(scope);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("bearer_methods_supported");
            for (String method : bearerMethods) {
                json.writeString(method);
            }
            json.writeEndArray();
            if (dpop.enabled() || Boolean.TRUE.equals(context.getAttribute(dev.tokengate.RequestAuthentication.DPOP_RESOURCES_ATTRIBUTE))) {
                json.writeArrayFieldStart("dpop_signing_alg_values_supported");
                for (String algorithm : dpop.algorithms()) {
                    json.writeString(algorithm);
                }
                json.writeEndArray();
                json.writeBooleanField("dpop_bound_access_tokens_required",
                        dpop.policy() == TokengateConfig.DPoPSettings.Policy.REQUIRED);
            }
            if (settings.resourceName().isPresent()) {
                json.writeStringField("resource_name", settings.resourceName().get());
            }
            if (settings.resourceDocumentation().isPresent()) {
                json.writeStringField("resource_documentation", settings.resourceDocumentation().get().toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The configured scopes and those the application's annotations demand (collected at deployment), sorted. */
    private Set<String> scopesSupported(ServletContext context) {
        Set<String> scopes = new TreeSet<>(settings.scopes());
        if (context.getAttribute(Scopes.SUPPORTED_ATTRIBUTE) instanceof Set<?> collected) {
            for (Object scope : collected) {
                if (scope instanceof String name) {
                    scopes.add(name);
                }
            }
        }
        return scopes;
    }

    private String originOf(HttpServletRequest request) {
        return origin.of(request);
    }
}
