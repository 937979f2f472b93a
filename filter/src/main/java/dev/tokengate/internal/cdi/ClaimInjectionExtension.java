package dev.tokengate.internal.cdi;

import dev.tokengate.Authentication;
import dev.tokengate.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import dev.tokengate.internal.OptionalApis;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimLiteral;
import org.eclipse.microprofile.jwt.Claims;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;

/**
 * {@code @Claim} injection (MicroProfile JWT 2.1): a {@code @Dependent} bean for each claim type MicroProfile JWT
 * defines (36: nine value types, each also in an {@code Optional}, a {@code ClaimValue} and a
 * {@code ClaimValue<Optional>}), each reading the injection point it serves to know which claim and how to convert it
 * ({@link ClaimTarget}, {@link ClaimConversion}). All of them, not only those the application's injection points
 * name: Jersey on Tomcat and Jetty creates resource instances that CDI never reports as beans, so their injection
 * points reach no observer. Values come from the token tokengate validated for the current request, nothing else.
 *
 * <p>Checked at deployment wherever CDI reports the injection point, each a deployment error naming it: a type
 * MicroProfile JWT does not define; a {@code @Claim} that names no claim, or two different ones ({@code value} and
 * {@code standard}); a value (not a {@code ClaimValue}, {@code Provider} or {@code Instance}) injected into a bean
 * that outlives a request ({@code @ApplicationScoped}, {@code @SessionScoped}, {@code @ConversationScoped},
 * {@code @Singleton}), which would keep the first caller's claim for every later one; and any {@code @Claim} where
 * the application has no JSON-P, which MicroProfile JWT's own {@code Claims} type needs.
 */
public class ClaimInjectionExtension implements Extension {
    private static final Set<Class<? extends Annotation>> OUTLIVE_A_REQUEST = Set.of(ApplicationScoped.class,
            SessionScoped.class, ConversationScoped.class, Singleton.class);

    private static final String JSON_P = "jakarta.json.JsonValue";

    void check(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint point = event.getInjectionPoint();
        Optional<Claim> claim = claimOf(point);
        if (claim.isEmpty()) {
            return;
        }
        if (!OptionalApis.present(JSON_P)) {
            event.addDefinitionError(new DeploymentException("tokengate: @Claim injection point " + point + " needs"
                    + " JSON-P (jakarta.json-api and an implementation such as Parsson), which MicroProfile JWT's Claims"
                    + " type uses; add them to the application"));
            return;
        }
        Optional<ClaimTarget> target = ClaimTarget.of(point.getType());
        if (target.isEmpty()) {
            event.addDefinitionError(new DeploymentException("tokengate: @Claim injection point " + point
                    + " has type " + point.getType().getTypeName() + ", which MicroProfile JWT does not define for"
                    + " claims (String, Long, long, Boolean, boolean, Set<String>, the JSON-P JsonValue types, Optional"
                    + " of these, ClaimValue of these, and Provider or Instance of any)"));
            return;
        }
        try {
            nameOf(claim.get());
        } catch (IllegalArgumentException e) {
            event.addDefinitionError(new DeploymentException("tokengate: @Claim injection point " + point + " " + e.getMessage()));
            return;
        }
        Bean<?> bean = point.getBean();
        boolean held = !target.get().lazy() && !isProviderOrInstance(point.getType());
        if (held && bean != null && OUTLIVE_A_REQUEST.contains(bean.getScope())) {
            event.addDefinitionError(new DeploymentException("tokengate: @Claim injection point " + point + " is in a @"
                    + bean.getScope().getSimpleName() + " bean, which would keep the first caller's claim for every"
                    + " request: inject ClaimValue<" + point.getType().getTypeName() + "> or Provider<...> there, or make"
                    + " the bean @RequestScoped"));
        }
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        if (!OptionalApis.present(JSON_P)) {
            return; // no @Claim without JSON-P (above); nothing here may load a JSON-P class
        }
        for (Type type : ClaimTarget.beanTypes()) {
            event.addBean()
                    .beanClass(ClaimInjectionExtension.class)
                    .types(type)
                    .qualifiers(new ClaimLiteral(""))
                    .scope(Dependent.class)
                    // selected alternatives: they win over the @Claim beans of a server's own MicroProfile JWT
                    .alternative(true)
                    .priority(Interceptor.Priority.LIBRARY_AFTER)
                    .produceWith(ClaimInjectionExtension::produce);
        }
    }

    /** The value for the injection point being served: its type and its {@code @Claim} say what. */
    private static Object produce(Instance<Object> instance) {
        InjectionPoint point = instance.select(InjectionPoint.class).get();
        Claim claim = claimOf(point).orElseThrow();
        String name = nameOf(claim);
        ClaimTarget target = ClaimTarget.of(point.getType()).orElseThrow();
        Instance<HttpServletRequest> request = instance.select(HttpServletRequest.class);
        if (target.lazy()) {
            return new InjectedClaimValue<>(name, target, () -> currentToken(request));
        }
        return ClaimConversion.value(currentToken(request), name, target);
    }

    /** The token tokengate validated for the current request; null without one, or outside a request. */
    private static VerifiedToken currentToken(Instance<HttpServletRequest> request) {
        try {
            return Authentication.of(request.get()) instanceof Authentication.Authenticated authenticated
                    ? authenticated.token() : null;
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    private static Optional<Claim> claimOf(InjectionPoint point) {
        for (Annotation qualifier : point.getQualifiers()) {
            if (qualifier instanceof Claim claim) {
                return Optional.of(claim);
            }
        }
        return Optional.empty();
    }

    /** {@code value}, or else {@code standard}'s name; both set must agree. */
    static String nameOf(Claim claim) {
        String value = claim.value();
        Claims standard = claim.standard();
        boolean named = value != null && !value.isEmpty();
        boolean standardNamed = standard != null && standard != Claims.UNKNOWN;
        if (named && standardNamed && !value.equals(standard.name())) {
            throw new IllegalArgumentException("names two claims: value \"" + value + "\" and standard " + standard.name());
        }
        if (!named && !standardNamed) {
            throw new IllegalArgumentException("names no claim: set value or standard");
        }
        return named ? value : standard.name();
    }

    private static boolean isProviderOrInstance(Type type) {
        return type instanceof java.lang.reflect.ParameterizedType parameterized
                && (parameterized.getRawType() == jakarta.inject.Provider.class || parameterized.getRawType() == Instance.class);
    }
}
