package dev.tokengate.jaxrs;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9728's scopes_supported, collected from the annotations at deployment. */
class SupportedScopesTest {

    @Test
    void methodAndClassAnnotationsCount() {
        assertThat(SupportedScopes.collect(Set.of(TestResources.Patients.class, TestResources.Admin.class)))
                .containsExactly("read:admin", "read:patients", "write:patients");
    }

    @Test
    void anImplementedInterfacesAnnotationsCount() {
        assertThat(SupportedScopes.collect(Set.of(TestResources.Reports.class))).containsExactly("read:reports");
    }

    @Test
    void subResourcesReachedThroughLocatorsCount() {
        assertThat(SupportedScopes.collect(Set.of(TestResources.Wards.class))).containsExactly("read:wards");
        assertThat(SupportedScopes.collect(Set.of(TestResources.GuardedWards.class)))
                .containsExactly("read:notes", "read:wards");
    }

    @Test
    void theApplicationsAnnotationCounts() {
        assertThat(SupportedScopes.collect(Set.of(TestResources.ScopedApp.class))).containsExactly("app:access");
    }

    @Test
    void nothingAnnotatedIsNothing() {
        assertThat(SupportedScopes.collect(Set.of(TestResources.Open.class, String.class))).isEmpty();
    }

    @Test
    void aResourceThatRequiresDpopIsFound() {
        assertThat(SupportedScopes.requiresDPoPAnywhere(Set.of(TestResources.Patients.class, TestResources.Payments.class)))
                .isTrue();
        assertThat(SupportedScopes.requiresDPoPAnywhere(Set.of(TestResources.Patients.class, TestResources.Admin.class)))
                .isFalse();
    }
}
