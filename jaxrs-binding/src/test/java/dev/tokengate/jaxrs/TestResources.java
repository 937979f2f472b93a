package dev.tokengate.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Set;

/** Resources that use the binding every way the spec allows. */
final class TestResources {
    private TestResources() {
    }

    /**
     * Lists its classes explicitly, without the feature: it must come from META-INF/services. Apache CXF (TomEE) reads
     * no service-loaded features (TOMEE-4643), so there an application lists {@link TokengateFeature} itself, as the
     * README tells TomEE users to.
     */
    public static final class PlainApp extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return withFeatureOnCxf(Patients.class, Admin.class, Records.class, Open.class, Reports.class, Wards.class,
                    Me.class, Profile.class, GuardedWards.class, Staff.class, Delegating.class, Vault.class, Partners.class, Payments.class);
        }
    }

    /** Binds every resource of the application to one scope. */
    @RequiresScope("app:access")
    public static final class ScopedApp extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return withFeatureOnCxf(Open.class, Patients.class);
        }
    }

    private static Set<Class<?>> withFeatureOnCxf(Class<?>... resources) {
        Set<Class<?>> classes = new java.util.LinkedHashSet<>(java.util.List.of(resources));
        if ("cxf".equals(System.getProperty(RequiresScopeTest.RUNTIME_PROPERTY))) {
            classes.add(TokengateFeature.class);
        }
        return classes;
    }

    @Path("patients")
    public static class Patients {
        @GET
        @RequiresScope("read:patients")
        public String list() {
            return "patients";
        }

        @POST
        @RequiresScope({"write:patients", "read:patients"})
        public String create() {
            return "created";
        }
    }

    @Path("admin")
    @RequiresScope("read:admin")
    public static class Admin {
        @GET
        public String get() {
            return "admin";
        }

        /** The method's annotation replaces the class's: any valid token. */
        @GET
        @Path("any-token")
        @RequiresScope
        public String anyToken() {
            return "any";
        }
    }

    @Path("records")
    public static class Records {
        @GET
        @RequiresScope(value = {"read:patients", "read:admin"}, any = true)
        public String get() {
            return "records";
        }
    }

    @Path("open")
    public static class Open {
        @GET
        public String get() {
            return "open";
        }
    }

    public interface ReportsApi {
        @GET
        @RequiresScope("read:reports")
        String get();
    }

    @Path("reports")
    public static class Reports implements ReportsApi {
        @Override
        public String get() {
            return "reports";
        }
    }

    @Path("wards")
    public static class Wards {
        /** A sub-resource locator: what the returned resource's methods declare is what counts. */
        @Path("{id}")
        public Ward ward() {
            return new Ward();
        }
    }

    /** The class's annotation guards what its locators lead to, though Jakarta REST ignores it there. */
    @Path("guarded-wards")
    @RequiresScope("read:wards")
    public static class GuardedWards {
        @Path("{id}")
        public OpenWard ward() {
            return new OpenWard();
        }

        @Path("{id}/notes")
        @RequiresScope("read:notes")
        public Notes notes() {
            return new Notes();
        }
    }

    public static class OpenWard {
        @GET
        public String get() {
            return "open ward";
        }
    }

    public static class Notes {
        @GET
        public String get() {
            return "notes";
        }
    }

    public static class Ward {
        @GET
        @RequiresScope("read:wards")
        public String get() {
            return "ward";
        }
    }

    @Path("profile")
    public static class Profile {
        /** The caller's userinfo profile, fetched on demand with the caller's token. */
        @GET
        @RequiresScope
        public String profile(@Context jakarta.servlet.http.HttpServletRequest request) {
            return dev.tokengate.web.CallerProfile.of(request).map(p -> p.get("email") + "|" + p.get("sub")).orElse("none");
        }
    }

    /** Only the partner issuer's tokens, and they need a scope; one method open to every trusted issuer. */
    @Path("partners")
    @RequiresIssuer("partner")
    public static class Partners {
        @GET
        @RequiresScope("read:partner")
        public String partner() {
            return "partner";
        }

        @GET
        @Path("any")
        @RequiresIssuer({"default", "partner"})
        public String any() {
            return "any issuer";
        }
    }

    /** Only DPoP-bound tokens with their proof, and a scope (RFC 9449). */
    @Path("payments")
    @RequiresDPoP
    public static class Payments {
        @GET
        @RequiresScope("write:payments")
        public String pay() {
            return "paid";
        }
    }

    /** RFC 9470 step-up: a strong, recent login for the class; any login, but a scope, for one method. */
    @Path("vault")
    @RequiresUserAuthentication(acr = {"phr", "phrh"}, maxAge = 300)
    public static class Vault {
        @GET
        public String open() {
            return "vault";
        }

        @GET
        @Path("scoped")
        @RequiresScope("read:vault")
        public String scoped() {
            return "scoped vault";
        }

        @GET
        @Path("any-login")
        @RequiresUserAuthentication
        public String anyLogin() {
            return "any login";
        }
    }

    /** Stands for a resource whose CDI bean refused the call (tokengate's CDI interceptor throws this). */
    @Path("delegating")
    public static class Delegating {
        @GET
        @Path("role-refused")
        public String roleRefused() {
            throw new dev.tokengate.AccessDeniedException(dev.tokengate.RejectionReason.MISSING_ROLE);
        }

        @GET
        @Path("caller-unknown")
        public String callerUnknown() {
            throw new dev.tokengate.AccessDeniedException(dev.tokengate.RejectionReason.MISSING_TOKEN);
        }
    }

    @Path("me")
    public static class Me {
        @GET
        @RequiresScope
        public String me(@Context SecurityContext security) {
            return security.getUserPrincipal().getName() + "|" + security.isUserInRole("read:patients") + "|"
                    + security.isUserInRole("nurses") + "|" + security.isUserInRole("READ:patients") + "|"
                    + security.getAuthenticationScheme();
        }
    }

    /** The Jakarta security annotations, which the binding enforces whatever the runtime does with them. */
    @Path("staff")
    @jakarta.annotation.security.RolesAllowed("nurse")
    public static class Staff {
        @GET
        public String list() {
            return "staff";
        }

        /** The method's annotation replaces the class's: anybody, token or not. */
        @GET
        @Path("open")
        @jakarta.annotation.security.PermitAll
        public String open() {
            return "open staff";
        }

        @GET
        @Path("closed")
        @jakarta.annotation.security.DenyAll
        public String closed() {
            return "closed";
        }

        @GET
        @Path("admins")
        @jakarta.annotation.security.RolesAllowed({"admin", "ops"})
        public String admins() {
            return "admins";
        }

        /** Both must hold: the role and the scope. */
        @GET
        @Path("scoped")
        @RequiresScope("read:patients")
        public String scoped() {
            return "both";
        }
    }
}
