package dev.tokengate.jaxrs;

import dev.tokengate.ProfileUnavailableException;
import dev.tokengate.BearerChallenge;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A resource asked for the caller's profile while the issuer was unreachable: 503 with {@code Retry-After}. */
public final class ProfileUnavailableMapper implements ExceptionMapper<ProfileUnavailableException> {
    @Override
    public Response toResponse(ProfileUnavailableException exception) {
        return AuthorizationFilter.response(BearerChallenge.unavailable(exception.retryAfter()));
    }
}
