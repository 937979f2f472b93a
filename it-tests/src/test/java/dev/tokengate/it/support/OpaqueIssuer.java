package dev.tokengate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real issuer of opaque access tokens: Spring Authorization Server (through Spring Boot) in the test JVM, bound to
 * 127.0.0.1 on a free port, with {@code REFERENCE} (opaque) access tokens, RFC 7662 introspection, RFC 7009 revocation
 * and the OIDC userinfo endpoint. One per test JVM, started by the first {@link #get()} (call it from the
 * {@code @Deployment} method: the WAR's configuration needs its port), stopped when the JVM exits.
 *
 * <p>The issuer is {@code http://127.0.0.1:<port>} (Spring Authorization Server derives it from the request, and every
 * request, the tests' and tokengate's, goes to 127.0.0.1). A token customizer sets each token's {@code aud} to the API
 * its client is registered for ({@link #AUDIENCE} or {@link #OTHER_AUDIENCE}), as a resource indicator would.
 *
 * <p>{@link #control()} is a servlet filter in front of the introspection and userinfo endpoints: it counts the calls
 * per token, and can make those endpoints answer 503 or answer late.
 */
public final class OpaqueIssuer {
    /** The audience of this API: what the WARs' {@code mp.jwt.verify.audiences} says. */
    public static final String AUDIENCE = "https://api.tokengate.test";
    /** Another API's audience: tokens for it must be refused. */
    public static final String OTHER_AUDIENCE = "https://other-api.tokengate.test";

    /** client_credentials, scopes read:patients write:patients read:admin, aud {@link #AUDIENCE}, tokens live 10 min. */
    public static final String APP = "patients-app";
    /** As {@link #APP}, but its tokens live 2 s. */
    public static final String SHORT_LIVED_APP = "short-lived-app";
    /** As {@link #APP}, but its tokens are for {@link #OTHER_AUDIENCE}. */
    public static final String OTHER_API_APP = "other-api-app";
    /** The API itself (tokengate): the client that calls the introspection endpoint, client_secret_basic. */
    public static final String RESOURCE_SERVER = "tokengate-api";
    /** authorization_code (no consent screen), scopes openid profile: tokens tied to {@link #USER}. */
    public static final String WEB_APP = "web-app";
    /** The user of {@link #WEB_APP}. */
    public static final String USER = "alice";
    private static final String USER_PASSWORD = "alice-password";
    /** Where {@link #WEB_APP} is sent the code: never called, the code is read from the redirect's Location. */
    private static final String WEB_APP_REDIRECT = "http://127.0.0.1:9/callback";
    private static final String AUDIENCE_SETTING = "tokengate.audience";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpaqueIssuer instance;

    private final ConfigurableApplicationContext context;
    private final int port;

    private OpaqueIssuer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** The running issuer; starts it on first use. */
    public static synchronized OpaqueIssuer get() {
        if (instance == null) {
            // Spring Boot leaves the test JVM's java.util.logging configuration (logging.properties) alone.
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            ConfigurableApplicationContext context = new SpringApplicationBuilder(Server.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(
                            "server.address=127.0.0.1",
                            "server.port=0",
                            "spring.main.banner-mode=off",
                            "spring.main.log-startup-info=false",
                            "spring.jmx.enabled=false")
                    .run();
            instance = new OpaqueIssuer(context);
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "spring-authorization-server shutdown"));
            System.out.println("[it] Spring Authorization Server issuer " + instance.issuer());
        }
        return instance;
    }

    /** {@code http://127.0.0.1:<port>}: what {@code mp.jwt.verify.issuer} must say. */
    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String path) {
        return URI.create(issuer() + path);
    }

    /** The secret of every client here: {@code <client id>-secret}. */
    public static String secret(String clientId) {
        return clientId + "-secret";
    }

    /** The call counter and fault switch in front of introspection and userinfo. */
    public static Control control() {
        return Control.INSTANCE;
    }

    /** An opaque access token for {@code clientId} (client_credentials), with these scopes (space-separated). */
    public String clientCredentialsToken(String clientId, String scope) {
        HttpResponse<String> response = LoopbackHttp.postForm(uri("/oauth2/token"),
                Map.of("grant_type", "client_credentials", "scope", scope), Map.of("Authorization", basic(clientId)));
        return accessToken(response);
    }

    /** RFC 7009 revocation by the client the token was issued to. */
    public void revoke(String clientId, String token) {
        HttpResponse<String> response = LoopbackHttp.postForm(uri("/oauth2/revoke"),
                Map.of("token", token, "token_type_hint", "access_token"), Map.of("Authorization", basic(clientId)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("revocation answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** What the introspection endpoint says about a token, asked as {@link #RESOURCE_SERVER} (counted like any call). */
    public JsonNode introspect(String token) {
        HttpResponse<String> response = LoopbackHttp.postForm(uri("/oauth2/introspect"), Map.of("token", token),
                Map.of("Authorization", basic(RESOURCE_SERVER)));
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("introspection answered no JSON: " + response.body(), e);
        }
    }

    /**
     * An opaque access token of {@link #USER} for {@link #WEB_APP} with scopes {@code openid profile}, as a browser would
     * get it: the authorization request, the login form (with its CSRF token, in a session), the redirect with the
     * code, and the code exchanged at the token endpoint. Loopback HTTP only, no redirect followed blindly.
     */
    public String userToken() {
        HttpClient browser = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String authorize = "/oauth2/authorize?" + LoopbackHttp.formBody(ordered(
                "response_type", "code", "client_id", WEB_APP, "scope", "openid profile",
                "redirect_uri", WEB_APP_REDIRECT, "state", "it-state"));
        HttpResponse<String> toLogin = send(browser, HttpRequest.newBuilder(uri(authorize)).GET());
        expectRedirect(toLogin, "/login");
        HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(uri("/login")).GET());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        if (loginPage.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("no login form with a CSRF token: " + loginPage.statusCode() + " " + loginPage.body());
        }
        HttpResponse<String> loggedIn = send(browser, HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(LoopbackHttp.formBody(ordered(
                        "username", USER, "password", USER_PASSWORD, "_csrf", csrf.group(1))))));
        String saved = expectRedirect(loggedIn, "/oauth2/authorize");
        HttpResponse<String> withCode = send(browser, HttpRequest.newBuilder(uri(URI.create(saved).getRawPath()
                + "?" + URI.create(saved).getRawQuery())).GET());
        String callback = expectRedirect(withCode, WEB_APP_REDIRECT);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!code.find()) {
            throw new IllegalStateException("no code in the redirect: " + callback);
        }
        HttpResponse<String> token = LoopbackHttp.postForm(uri("/oauth2/token"), ordered(
                        "grant_type", "authorization_code",
                        "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                        "redirect_uri", WEB_APP_REDIRECT),
                Map.of("Authorization", basic(WEB_APP)));
        return accessToken(token);
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
        Loopback.requireLoopback(built.uri());
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The Location of a redirect, which must start with {@code expected} (a path here, or an absolute URL). */
    private String expectRedirect(HttpResponse<String> response, String expected) {
        String location = response.headers().firstValue("Location").orElse("");
        String relative = location.startsWith(issuer()) ? location.substring(issuer().length()) : location;
        if (response.statusCode() / 100 != 3 || !(relative.startsWith(expected) || location.startsWith(expected))) {
            throw new IllegalStateException("expected a redirect to " + expected + ", got " + response.statusCode()
                    + " Location: " + location + " " + response.body());
        }
        return location.startsWith("/") ? issuer() + location : location;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String basic(String clientId) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (clientId + ":" + secret(clientId)).getBytes(StandardCharsets.UTF_8));
    }

    private static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body()).required("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token endpoint answered no JSON: " + response.body(), e);
        }
    }

    /**
     * In front of {@code /oauth2/introspect} and {@code /userinfo}: counts every call per token (the introspected token,
     * or the bearer token of a userinfo call), and, when switched, answers 503 itself or holds the call for a while
     * before passing it on.
     */
    public static final class Control implements Filter {
        static final Control INSTANCE = new Control();

        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private volatile boolean unavailable;
        private volatile long delayNanos;

        /** How many introspection or userinfo calls named this token. */
        public int calls(String token) {
            AtomicInteger count = calls.get(token);
            return count == null ? 0 : count.get();
        }

        /** Answer 503 to every introspection and userinfo call until reset. */
        public void unavailable(boolean on) {
            unavailable = on;
        }

        /** Hold every introspection and userinfo call this long before serving it ({@link Duration#ZERO}: don't). */
        public void delay(Duration delay) {
            delayNanos = delay.toNanos();
        }

        public void reset() {
            unavailable = false;
            delayNanos = 0;
        }

        @Override
        public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            String token = request.getRequestURI().endsWith("/introspect")
                    ? request.getParameter("token")
                    : String.valueOf(request.getHeader("Authorization")).replaceFirst("^(?i)bearer ", "");
            calls.computeIfAbsent(String.valueOf(token), t -> new AtomicInteger()).incrementAndGet();
            long delay = delayNanos;
            if (delay > 0) {
                long until = System.nanoTime() + delay;
                for (long left = delay; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }
            if (unavailable) {
                ((HttpServletResponse) res).sendError(503);
                return;
            }
            chain.doFilter(req, res);
        }
    }

    /** The Spring Boot application: Spring Authorization Server with the clients above. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Server {

        @Bean
        FilterRegistrationBean<Control> issuerControl() {
            FilterRegistrationBean<Control> registration = new FilterRegistrationBean<>(Control.INSTANCE);
            registration.addUrlPatterns("/oauth2/introspect", "/userinfo");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    // The userinfo endpoint is a protected resource: see opaqueAwareDecoder.
                    .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + USER_PASSWORD)
                    .roles("USER").build());
        }

        @Bean
        OAuth2AuthorizationService authorizationService() {
            return new InMemoryOAuth2AuthorizationService();
        }

        /**
         * How the userinfo endpoint (a protected resource of this server, which Spring Security configures for JWTs)
         * checks its bearer token: the tokens are opaque, so this decoder looks them up in this server's own records
         * and presents an active one as a {@link Jwt} carrying the same token value.
         */
        @Bean
        JwtDecoder opaqueAwareDecoder(OAuth2AuthorizationService authorizations) {
            return token -> {
                OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
                OAuth2Authorization.Token<OAuth2AccessToken> access =
                        authorization == null ? null : authorization.getAccessToken();
                if (access == null || !access.isActive()) {
                    throw new BadJwtException("the access token is not active");
                }
                return Jwt.withTokenValue(token)
                        .header("alg", "none")
                        .subject(authorization.getPrincipalName())
                        .issuedAt(access.getToken().getIssuedAt())
                        .expiresAt(access.getToken().getExpiresAt())
                        .claim("scope", String.join(" ", access.getToken().getScopes()))
                        .build();
            };
        }

        /** {@code aud}: the API the client is registered for, else Spring Authorization Server's default (client id). */
        @Bean
        OAuth2TokenCustomizer<OAuth2TokenClaimsContext> audience() {
            return context -> {
                Object audience = context.getRegisteredClient().getClientSettings().getSetting(AUDIENCE_SETTING);
                if (audience instanceof String api) {
                    context.getClaims().audience(List.of(api));
                }
            };
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(
                    app(APP, AUDIENCE, Duration.ofMinutes(10)),
                    app(SHORT_LIVED_APP, AUDIENCE, Duration.ofSeconds(2)),
                    app(OTHER_API_APP, OTHER_AUDIENCE, Duration.ofMinutes(10)),
                    RegisteredClient.withId(RESOURCE_SERVER).clientId(RESOURCE_SERVER)
                            .clientSecret("{noop}" + secret(RESOURCE_SERVER))
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .build(),
                    RegisteredClient.withId(WEB_APP).clientId(WEB_APP)
                            .clientSecret("{noop}" + secret(WEB_APP))
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(WEB_APP_REDIRECT)
                            .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                                    .requireProofKey(false).setting(AUDIENCE_SETTING, AUDIENCE).build())
                            .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                                    .accessTokenTimeToLive(Duration.ofMinutes(10)).build())
                            .build());
        }

        private static RegisteredClient app(String clientId, String audience, Duration lifetime) {
            return RegisteredClient.withId(clientId).clientId(clientId)
                    .clientSecret("{noop}" + secret(clientId))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("read:patients").scope("write:patients").scope("read:admin")
                    .clientSettings(ClientSettings.builder().setting(AUDIENCE_SETTING, audience).build())
                    .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                            .accessTokenTimeToLive(lifetime).build())
                    .build();
        }
    }
}
