package dev.tokengate.internal.jwt;

import dev.tokengate.internal.metrics.IssuerMetrics;

import dev.tokengate.internal.claims.TimeClaims;
import dev.tokengate.internal.claims.AudienceClaim;
import dev.tokengate.internal.claims.IssuerClaim;
import dev.tokengate.internal.claims.ClaimValidator;

import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.cache.VerifiedTokenCache;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.KeySource;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.config.TokengateConfig.JwksSettings;
import dev.tokengate.internal.config.TokengateConfig.JwtSettings;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.http.OidcDiscovery;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Assembles the standard {@link JwtValidator} from configuration. */
public final class JwtValidators {
    private JwtValidators() {
    }

    /** Key text that holds no usable key is a {@link ConfigurationException} naming the property. */
    public static JwtValidator fromSettings(TokengateConfig config, IssuerHttpClient http, Clock clock) {
        return fromSettings(config, http, clock, null);
    }

    /** With the issuer's discovery shared with other users of it, so the document is fetched once. */
    public static JwtValidator fromSettings(TokengateConfig config, IssuerHttpClient http, Clock clock,
                                            OidcDiscovery sharedDiscovery) {
        return fromSettings(config.jwt(), config.accessClaims(), config, http, clock, sharedDiscovery);
    }

    /**
     * For one issuer's rules and claims ({@code jwt}, {@code access}), with the application's JWKS and retry
     * settings: each call builds its own key provider, caches and unknown-kid limit.
     */
    public static JwtValidator fromSettings(JwtSettings jwt, AccessClaims access, TokengateConfig config,
                                            IssuerHttpClient http, Clock clock, OidcDiscovery sharedDiscovery) {
        return fromSettings(jwt, access, config, http, clock, sharedDiscovery, IssuerMetrics.NONE);
    }

    /** As above, reporting key fetches and the verified-token cache to {@code metrics}. */
    public static JwtValidator fromSettings(JwtSettings jwt, AccessClaims access, TokengateConfig config,
                                            IssuerHttpClient http, Clock clock, OidcDiscovery sharedDiscovery,
                                            IssuerMetrics metrics) {
        return fromSettings(jwt, access, config, http, clock, sharedDiscovery, metrics, false);
    }

    /**
     * @param audienceMayBeIntrospected the audience is checked only on tokens that carry one: the tokens are then
     *                                  introspected, and the audience of one without {@code aud} is checked on the
     *                                  issuer's answer ({@code dev.tokengate.internal.opaque.IntrospectedJwts})
     */
    public static JwtValidator fromSettings(JwtSettings jwt, AccessClaims access, TokengateConfig config,
                                            IssuerHttpClient http, Clock clock, OidcDiscovery sharedDiscovery,
                                            IssuerMetrics metrics, boolean audienceMayBeIntrospected) {
        JwksSettings jwks = config.jwks();
        List<ClaimValidator> claimValidators = new ArrayList<>();
        TimeClaims timeClaims = new TimeClaims(jwt.clockSkew(), jwt.maxTokenAge(), jwt.maxLifetime());
        claimValidators.add(timeClaims);
        if (jwt.checksAudience()) {
            AudienceClaim audience = new AudienceClaim(jwt.audiences());
            claimValidators.add(audienceMayBeIntrospected ? audience.whenPresent("aud") : audience);
        }
        return new JwtValidator(
                List.of(new AllowedAlgorithms(jwt.algorithms()), new AccessTokenType(jwt.requireAtJwtType()),
                        new CriticalHeaders()),
                new IssuerClaim(jwt.issuer()),
                keyProvider(jwt, jwks, http, clock, sharedDiscovery, metrics),
                new SignatureVerifier(jwt.algorithms()),
                claimValidators,
                access,
                clock,
                config.retryAfter(),
                jwt.verifiedCacheSize() > 0 ? new VerifiedTokenCache(jwt.verifiedCacheSize(), metrics) : null,
                timeClaims);
    }

    private static KeyProvider keyProvider(JwtSettings jwt, JwksSettings jwks, IssuerHttpClient http, Clock clock,
                                           OidcDiscovery sharedDiscovery, IssuerMetrics metrics) {
        VerificationKeys secret = new VerificationKeys(jwt.hmacSecret()
                .map(text -> List.of(new VerificationKey(null, new HmacKey(text.getBytes(StandardCharsets.UTF_8)),
                        null, null, null, true)))
                .orElse(List.of()));
        KeySource source = jwt.keySource();
        if (source instanceof KeySource.SecretOnly) {
            return new StaticKeyProvider(secret);
        }
        if (source instanceof KeySource.Static fixed) {
            VerificationKeys keys;
            try {
                keys = KeyParser.parse(fixed.keyText(), jwt.algorithms());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(fixed.property(), "holds " + e.getMessage());
            }
            List<VerificationKey> all = new ArrayList<>(secret.all());
            all.addAll(keys.all());
            return new StaticKeyProvider(new VerificationKeys(all));
        }
        RemoteJwksKeyProvider.JwksLocation location = source instanceof KeySource.RemoteJwks remote
                ? new RemoteJwksKeyProvider.JwksLocation.Fixed(remote.jwksUri())
                : new RemoteJwksKeyProvider.JwksLocation.Discovered(sharedDiscovery != null ? sharedDiscovery
                : new OidcDiscovery(((KeySource.Discovery) source).discoveryDocument(), jwt.issuer(), http));
        RemoteJwksKeyProvider remote = new RemoteJwksKeyProvider(location, http, jwks, clock, metrics);
        remote.prefetch();
        return secret.isEmpty() ? remote : new CombinedKeyProvider(secret, remote);
    }

    /** A validator that checks only the JWS layer's rules and no claims: for signature-layer test vectors. */
    static JwtValidator signatureOnly(java.util.Set<String> algorithms, KeyProvider keys) {
        return new JwtValidator(List.of(new AllowedAlgorithms(algorithms), new CriticalHeaders()), keys,
                new SignatureVerifier(algorithms), List.of(), AccessClaims.DEFAULT, Clock.systemUTC(), Duration.ofSeconds(10));
    }
}
