package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.RequestAuthentication;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jakarta Authentication module's answers, one per kind of request, with the container played by fakes. */
class BearerAuthModuleTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static TokengateRuntime runtime;

    @BeforeAll
    static void assemble() {
        MapProperties properties = MapProperties.of(
                PropertyNames.ISSUER, Tokens.ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY),
                PropertyNames.REALM, "api",
                PropertyNames.URL_PATTERNS, "/api/*",
                PropertyNames.CONTAINER_AUTHENTICATION, "true",
                PropertyNames.RESOURCE_METADATA, "false");
        runtime = PipelineAssembly.assemble(
                new ConfigLoader(properties, BearerAuthModuleTest.class.getClassLoader()).load(), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    /** What the container would hand the module, and what the module hands back. */
    static final class Exchange {
        final Map<String, List<String>> headers = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, Object> policy = new HashMap<>();
        final Map<String, String> responseHeaders = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<Callback> callbacks = new ArrayList<>();
        final Subject subject = new Subject();
        String path = "/api/patients";
        int status = 200;
        boolean committed;
        boolean containerRefusesCallers;

        Exchange bearer(String token) {
            headers.put("Authorization", List.of("Bearer " + token));
            return this;
        }

        Exchange mandatory() {
            policy.put("jakarta.security.auth.message.MessagePolicy.isMandatory", "true");
            return this;
        }

        AuthStatus sendThrough(BearerAuthModule module) throws Exception {
            module.initialize(null, null, callbacks -> {
                if (containerRefusesCallers && callbacks[0] instanceof CallerPrincipalCallback caller
                        && caller.getPrincipal() != null) {
                    throw new SecurityException("no such identity in the realm");
                }
                this.callbacks.addAll(List.of(callbacks));
            }, Map.of());
            return module.validateRequest(messageInfo(), subject, null);
        }

        private MessageInfo messageInfo() {
            HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (self, called, args) -> switch (called.getName()) {
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                        // read to word a challenge in the client's scheme (Bearer or DPoP)
                        case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                        case "getServletContext" -> null;
                        case "getMethod" -> "GET";
                        case "getServletPath" -> path;
                        case "getPathInfo", "getQueryString", "getContentType", "getCookies" -> null;
                        case "getDispatcherType" -> DispatcherType.REQUEST;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        default -> throw new UnsupportedOperationException(called.getName() + " is not read by the module");
                    });
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (self, called, args) -> switch (called.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setHeader", "addHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
                        case "setContentType" -> responseHeaders.put("Content-Type", (String) args[0]);
                        case "setCharacterEncoding", "setContentLength", "resetBuffer" -> null;
                        case "getOutputStream" -> new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                body.write(b);
                            }

                            @Override
                            public void close() {
                                committed = true;
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }
                        };
                        default -> throw new UnsupportedOperationException(called.getName() + " is not used by the module");
                    });
            return new MessageInfo() {
                @Override
                public Object getRequestMessage() {
                    return request;
                }

                @Override
                public Object getResponseMessage() {
                    return response;
                }

                @Override
                public void setRequestMessage(Object message) {
                }

                @Override
                public void setResponseMessage(Object message) {
                }

                @SuppressWarnings("rawtypes")
                @Override
                public Map getMap() {
                    return policy;
                }
            };
        }

        CallerPrincipalCallback caller() {
            return (CallerPrincipalCallback) callbacks.stream().filter(CallerPrincipalCallback.class::isInstance)
                    .findFirst().orElseThrow();
        }

        Authentication filterSees() {
            return ((RequestAuthentication) attributes.get(RequestAuthentication.ATTRIBUTE)).get();
        }
    }

    static String token() {
        return Tokens.valid(KEY).claim("sub", "patient-reader")
                .claim("groups", List.of("nurses", "read:patients")).signWith(KEY);
    }

    @Test
    void aValidTokenIsTheCallerWithItsRolesAsGroups() throws Exception {
        Exchange exchange = new Exchange().bearer(token());
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SUCCESS);
        assertThat(exchange.caller().getPrincipal()).isInstanceOf(VerifiedToken.class);
        assertThat(exchange.caller().getPrincipal().getName()).isEqualTo("patient-reader");
        GroupPrincipalCallback groups = (GroupPrincipalCallback) exchange.callbacks.get(1);
        assertThat(groups.getGroups()).contains("nurses", "read:patients")
                .containsExactlyInAnyOrderElementsOf(((VerifiedToken) exchange.caller().getPrincipal()).getRoles());
        assertThat(exchange.status).isEqualTo(200);
    }

    @Test
    void theFilterReusesTheModulesOutcomeInsteadOfValidatingAgain() throws Exception {
        Exchange exchange = new Exchange().bearer(token());
        exchange.sendThrough(new BearerAuthModule(runtime));
        assertThat(exchange.attributes.get(RequestAuthentication.ATTRIBUTE)).isInstanceOf(LazyRequestAuthentication.class);
        assertThat(exchange.filterSees()).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void noTokenWhereNoCallerIsNeededIsAnonymous() throws Exception {
        Exchange exchange = new Exchange();
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SUCCESS);
        assertThat(exchange.callbacks).singleElement().isInstanceOfSatisfying(CallerPrincipalCallback.class,
                callback -> assertThat(callback.getPrincipal()).isNull());
        assertThat(exchange.committed).isFalse();
    }

    @Test
    void aBadTokenWhereNoCallerIsNeededIsAnonymousAndTheFilterStillSeesTheRejection() throws Exception {
        Exchange exchange = new Exchange().bearer(Tokens.valid(KEY).claim("exp", 1).signWith(KEY));
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SUCCESS);
        assertThat(exchange.caller().getPrincipal()).isNull();
        assertThat(exchange.committed).isFalse();
        assertThat(exchange.filterSees()).isEqualTo(new Authentication.Rejected(RejectionReason.EXPIRED));
    }

    @Test
    void noTokenWhereACallerIsNeededGetsTheBareBearerChallenge() throws Exception {
        Exchange exchange = new Exchange().mandatory();
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SEND_CONTINUE);
        assertThat(exchange.status).isEqualTo(401);
        assertThat(exchange.responseHeaders).containsEntry("WWW-Authenticate", "Bearer realm=\"api\"");
        assertThat(exchange.committed).isTrue();
        assertThat(exchange.callbacks).isEmpty();
    }

    @Test
    void aBadTokenWhereACallerIsNeededGetsTheInvalidTokenChallenge() throws Exception {
        Exchange exchange = new Exchange().mandatory().bearer(Tokens.valid(KEY).signWith(TestKeys.rsa("key-1")));
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SEND_FAILURE);
        assertThat(exchange.status).isEqualTo(401);
        assertThat(exchange.responseHeaders).containsEntry("WWW-Authenticate", "Bearer realm=\"api\", "
                + "error=\"invalid_token\", error_description=\"The access token signature is invalid.\"");
        assertThat(exchange.responseHeaders.get("Content-Type")).startsWith("application/problem+json");
        assertThat(exchange.body.toString()).contains("\"status\":401");
        assertThat(exchange.committed).isTrue();
    }

    @Test
    void aPathOutsideTheFiltersPatternsIsAnonymousWithoutLookingAtTheToken() throws Exception {
        Exchange exchange = new Exchange().bearer(token());
        exchange.path = "/static/index.html";
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SUCCESS);
        assertThat(exchange.caller().getPrincipal()).isNull();
        assertThat(exchange.attributes).doesNotContainKey(RequestAuthentication.ATTRIBUTE);
    }

    @Test
    void aValidCallerTheContainerWillNotTakeIsA503NotA500() throws Exception {
        Exchange exchange = new Exchange().bearer(token());
        exchange.containerRefusesCallers = true;
        assertThat(exchange.sendThrough(new BearerAuthModule(runtime))).isEqualTo(AuthStatus.SEND_FAILURE);
        assertThat(exchange.status).isEqualTo(503);
        assertThat(exchange.responseHeaders).containsKey("Retry-After").doesNotContainKey("WWW-Authenticate");
        assertThat(exchange.committed).isTrue();
    }

    @Test
    void theModuleTakesHttpMessagesOnly() {
        assertThat(new BearerAuthModule(runtime).getSupportedMessageTypes())
                .containsExactly(HttpServletRequest.class, HttpServletResponse.class);
    }
}
