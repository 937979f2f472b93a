package dev.tokengate.web;

import com.sun.web.server.EEInstanceListener;
import com.sun.web.server.J2EEInstanceListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerBookkeepingTest {
    @ParameterizedTest
    @ValueSource(strings = {"Payara Micro #badassfish 6.2025.10", "Payara Server 7.2025.1", "Eclipse GlassFish 8.0.0",
            "GlassFish Server Open Source Edition 7.0.25"})
    void onPayaraAndGlassFishTheirListenersReadIsTheServers(String serverInfo) {
        ContainerBookkeeping bookkeeping = ContainerBookkeeping.forServer(serverInfo);
        assertThat(J2EEInstanceListener.handleBeforeEvent(bookkeeping::isCallerTheServer)).isTrue();
        assertThat(EEInstanceListener.handleBeforeEvent(bookkeeping::isCallerTheServer)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Payara Micro #badassfish 6.2025.10", "Eclipse GlassFish 8.0.0"})
    void onPayaraAndGlassFishTheApplicationsReadIsNot(String serverInfo) {
        assertThat(ContainerBookkeeping.forServer(serverInfo).isCallerTheServer()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty/12.1.5", "Apache Tomcat/11.0.15", "WildFly Full 39.0.0.Final (WildFly Core 31.0.0.Final) - 2.3.18.Final",
            "Open Liberty/26.0.0.1", ""})
    void elsewhereNothingIsTheServers(String serverInfo) {
        ContainerBookkeeping bookkeeping = ContainerBookkeeping.forServer(serverInfo);
        assertThat(bookkeeping).isSameAs(ContainerBookkeeping.NONE);
        assertThat(J2EEInstanceListener.handleBeforeEvent(bookkeeping::isCallerTheServer)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aServerThatGivesNoInfoIsNoneOfThem() {
        assertThat(ContainerBookkeeping.forServer(null)).isSameAs(ContainerBookkeeping.NONE);
    }
}
