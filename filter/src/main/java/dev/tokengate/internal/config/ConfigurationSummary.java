package dev.tokengate.internal.config;

import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.config.TokengateConfig.JwtSettings;
import dev.tokengate.internal.config.TokengateConfig.TokenLocations;

import java.util.ArrayList;
import java.util.List;

/**
 * The one INFO line tokengate logs when an application starts: what it trusts and where it looks, so that an operator
 * reading "401" in a client's report can check the effective configuration without a debugger. Secrets (the HMAC
 * secret, the introspection client secret) appear as {@code (set)}; inline key text by the property that held it.
 */
public final class ConfigurationSummary {
    private ConfigurationSummary() {
    }

    public static String of(TokengateConfig config, String application) {
        StringBuilder line = new StringBuilder(512).append("tokengate: protecting ")
                .append(application == null || application.isEmpty() ? "/" : application).append(" -- issuers: ");
        List<String> issuers = new ArrayList<>();
        issuers.add(issuer("default", config.jwt()));
        for (TokengateConfig.NamedIssuer named : config.namedIssuers()) {
            issuers.add(issuer(named.name(), named.jwt()));
        }
        line.append(String.join("; ", issuers));
        line.append(" | token from: ").append(locations(config.tokenLocations()));
        line.append(" | opaque tokens: ").append(opaque(config.issuerQueries()));
        line.append(" | protected paths: ").append(config.filter().protectedPaths().isEmpty() ? "none"
                : String.join(",", config.filter().protectedPaths()));
        line.append(" | filter on ").append(String.join(",", config.filter().urlPatterns()));
        line.append(" | DPoP: ").append(config.dpop().policy().name().toLowerCase(java.util.Locale.ROOT));
        if (config.dpop().nonces()) {
            line.append(" with nonces");
        }
        line.append(" | client certificate from: ").append(config.clientCertificate().header()
                .map(header -> "header " + header + " of " + config.clientCertificate().trustedProxies())
                .orElse("TLS"));
        line.append(" | container authentication: ").append(config.filter().containerAuthentication() ? "on" : "off");
        line.append(" | resource metadata: ").append(config.resourceMetadata().enabled() ? "on" : "off");
        return line.toString();
    }

    private static String issuer(String name, JwtSettings jwt) {
        return name + "=" + jwt.issuer() + " (audiences " + (jwt.checksAudience() ? jwt.audiences() : "not checked")
                + ", algorithms " + jwt.algorithms() + ", keys " + keys(jwt)
                + (jwt.hmacSecret().isPresent() ? " and an HMAC secret (set)" : "")
                + ", clock skew " + jwt.clockSkew().toSeconds() + "s"
                + jwt.maxTokenAge().map(age -> ", token age " + age.toSeconds() + "s").orElse("")
                + jwt.maxLifetime().map(life -> ", lifetime " + life.toSeconds() + "s").orElse("")
                + (jwt.requireAtJwtType() ? ", typ at+jwt" : "") + ")";
    }

    private static String keys(JwtSettings jwt) {
        KeySource source = jwt.keySource();
        if (source instanceof KeySource.RemoteJwks remote) {
            return "from JWKS " + remote.jwksUri();
        }
        if (source instanceof KeySource.Discovery discovery) {
            return "from discovery " + discovery.discoveryDocument();
        }
        if (source instanceof KeySource.Static fixed) {
            return "from " + fixed.property();
        }
        return "none but the secret";
    }

    private static String locations(TokenLocations locations) {
        List<String> where = new ArrayList<>();
        if (locations.fromCookie()) {
            where.add("cookie " + locations.cookieName());
        } else if (locations.fromAuthorizationHeader()) {
            where.add("Authorization header");
        } else {
            where.add("header " + locations.headerName());
        }
        if (locations.formParameter()) {
            where.add("form body");
        }
        if (locations.queryParameter()) {
            where.add("query");
        }
        return String.join(", ", where) + " (at most " + locations.maxTokenLength() + " characters)";
    }

    private static String opaque(IssuerQuerySettings queries) {
        return switch (queries.validation()) {
            case NONE -> "refused";
            case INTROSPECTION -> "introspection at " + queries.introspectionEndpoint().map(Object::toString)
                    .orElse("the discovered endpoint") + " as client " + queries.clientId() + " (secret "
                    + (queries.clientSecret().isPresent() ? "(set)" : "(none)") + ")";
            case USERINFO -> "userinfo at " + queries.userinfoEndpoint().map(Object::toString)
                    .orElse("the discovered endpoint");
        };
    }
}
