package dev.tokengate.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The health API of the Auth0 example. No registration code: the binding finds itself. */
@ApplicationPath("/api")
public class HealthApi extends Application {
}
