package dev.tokengate.internal.cdi;

import dev.tokengate.AccessDeniedException;
import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.Scopes;
import dev.tokengate.VerifiedToken;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Jakarta Annotations rule for CDI beans, one case per test. */
class RoleCheckTest {

    @RolesAllowed("read:patients")
    static class Patients {
        public void list() {
        }

        @PermitAll
        public void open() {
        }

        @RolesAllowed("admin")
        public void admin() {
        }

        @DenyAll
        public void closed() {
        }

        @RolesAllowed({})
        public void nobody() {
        }
    }

    @DenyAll
    static class Closed {
        @RolesAllowed("admin")
        public void admin() {
        }

        public void anything() {
        }
    }

    static class Unannotated {
        @DenyAll
        @PermitAll
        public void both() {
        }
    }

    static class Base {
        public void inherited() {
        }
    }

    @DenyAll
    static class ClosedSubclass extends Base {
    }

    record FakeCaller(Authentication authentication, Set<String> containerRoles, boolean containerKnowsCaller)
            implements RoleCheck.Caller {
        @Override
        public boolean containerGrants(String role) {
            return containerRoles.contains(role);
        }
    }

    static FakeCaller withToken(String... roles) {
        VerifiedToken token = new VerifiedToken("raw", Map.of("sub", "user-1"), Scopes.NONE, Set.of(roles), Long.MAX_VALUE);
        return new FakeCaller(new Authentication.Authenticated(token), Set.of(), false);
    }

    static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    static void assertRefused(Method method, RoleCheck.Caller caller, RejectionReason reason) {
        assertThatThrownBy(() -> RoleCheck.enforce(method, caller))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aTokenWithAnAllowedRoleMayCall() throws Exception {
        assertThatCode(() -> RoleCheck.enforce(method(Patients.class, "list"), withToken("read:patients")))
                .doesNotThrowAnyException();
    }

    @Test
    void aTokenWithoutTheRoleIsRefusedForTheMissingRole() throws Exception {
        assertRefused(method(Patients.class, "list"), withToken("nurses"), RejectionReason.MISSING_ROLE);
    }

    @Test
    void theMethodsAnnotationReplacesTheClasss() throws Exception {
        assertRefused(method(Patients.class, "admin"), withToken("read:patients"), RejectionReason.MISSING_ROLE);
        assertThatCode(() -> RoleCheck.enforce(method(Patients.class, "admin"), withToken("admin")))
                .doesNotThrowAnyException();
    }

    @Test
    void aPermitAllMethodInARestrictedClassIsOpenEvenWithoutAToken() throws Exception {
        assertThatCode(() -> RoleCheck.enforce(method(Patients.class, "open"),
                new FakeCaller(null, Set.of(), false))).doesNotThrowAnyException();
    }

    @Test
    void denyAllRefusesEveryCaller() throws Exception {
        assertRefused(method(Patients.class, "closed"), withToken("read:patients"), RejectionReason.CLOSED_TO_ALL);
        assertRefused(method(Closed.class, "anything"), withToken("admin"), RejectionReason.CLOSED_TO_ALL);
    }

    @Test
    void anEmptyRolesAllowedRefusesEveryCaller() throws Exception {
        assertRefused(method(Patients.class, "nobody"), withToken("read:patients"), RejectionReason.CLOSED_TO_ALL);
    }

    @Test
    void aMethodsRolesAllowedOpensADenyAllClassToThatRole() throws Exception {
        assertThatCode(() -> RoleCheck.enforce(method(Closed.class, "admin"), withToken("admin")))
                .doesNotThrowAnyException();
    }

    @Test
    void theStrictestAnnotationOnOneElementWins() throws Exception {
        assertRefused(method(Unannotated.class, "both"), withToken(), RejectionReason.CLOSED_TO_ALL);
    }

    @Test
    void aCallWithoutTokenOrContainerCallerIsRefusedForTheMissingToken() throws Exception {
        assertRefused(method(Patients.class, "list"), new FakeCaller(new Authentication.Anonymous(), Set.of(), false),
                RejectionReason.MISSING_TOKEN);
        assertRefused(method(Patients.class, "list"), new FakeCaller(null, Set.of(), false),
                RejectionReason.MISSING_TOKEN);
    }

    @Test
    void aRejectedTokenIsRefusedForItsOwnReason() throws Exception {
        assertRefused(method(Patients.class, "list"),
                new FakeCaller(new Authentication.Rejected(RejectionReason.EXPIRED), Set.of("read:patients"), true),
                RejectionReason.EXPIRED);
    }

    @Test
    void anUnreachableIssuerRefusesAsUnavailable() throws Exception {
        assertRefused(method(Patients.class, "list"),
                new FakeCaller(new Authentication.Unavailable(Duration.ofSeconds(10)), Set.of(), false),
                RejectionReason.ISSUER_UNAVAILABLE);
    }

    @Test
    void aCallerTheContainerKnowsByAnotherMechanismHasTheContainersRoles() throws Exception {
        FakeCaller formLogin = new FakeCaller(new Authentication.Anonymous(), Set.of("read:patients"), true);
        assertThatCode(() -> RoleCheck.enforce(method(Patients.class, "list"), formLogin)).doesNotThrowAnyException();
        assertRefused(method(Patients.class, "admin"), formLogin, RejectionReason.MISSING_ROLE);
    }

    @Test
    void aSubclassDoesNotLendItsClassAnnotationToAnInheritedMethod() throws Exception {
        assertThatCode(() -> RoleCheck.enforce(method(ClosedSubclass.class, "inherited"), withToken()))
                .doesNotThrowAnyException();
    }
}
