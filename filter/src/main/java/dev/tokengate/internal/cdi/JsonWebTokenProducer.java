package dev.tokengate.internal.cdi;

import dev.tokengate.Authentication;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Produces the current request's validated token for {@code @Inject JsonWebToken}, or {@link AbsentToken} when the
 * request has none (MicroProfile JWT's rule: an injected token without a caller answers {@code null}). It reads the
 * filter's outcome, validating on first use like every other way of asking. A selected alternative, so it wins over
 * any {@code JsonWebToken} bean the server's own MicroProfile JWT may add. Found by CDI because the jar's
 * {@code beans.xml} makes it an "annotated" bean archive and this is its one bean-defining class ({@code @Dependent});
 * where there is no CDI (Tomcat or Jetty without Weld) nothing loads it, and the filter works the same.
 */
@Dependent
@Alternative
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class JsonWebTokenProducer {

    @Inject
    HttpServletRequest request;

    @Produces
    @RequestScoped
    JsonWebToken currentToken() {
        return Authentication.of(request) instanceof Authentication.Authenticated authenticated
                ? authenticated.token() : AbsentToken.INSTANCE;
    }
}
