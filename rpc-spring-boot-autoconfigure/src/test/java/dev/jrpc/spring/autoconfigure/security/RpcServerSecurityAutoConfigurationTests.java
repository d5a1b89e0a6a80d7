package dev.jrpc.spring.autoconfigure.security;

import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.spring.autoconfigure.RpcServerAutoConfiguration;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcServerSecurityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class, RpcServerSecurityAutoConfiguration.class))
		.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1")
		.withBean(DefaultCalculator.class);

	@Test
	void contributesTheAuthenticatingInterceptorWhenTheApplicationHasUsers() {
		this.runner.withBean(UserDetailsService.class,
				() -> new InMemoryUserDetailsManager(User.withUsername("a").password("{noop}b").build()))
			.run((context) -> assertThat(context).getBean(RpcServerInterceptor.class)
				.isInstanceOf(AuthenticatingInterceptor.class));
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(AuthenticationManager.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcServerInterceptor.class));
	}

	@Test
	void requiredAuthenticationWithoutSpringSecurityFailsTheStartupNamingTheStarter() {
		this.runner.withClassLoader(new FilteredClassLoader(AuthenticationManager.class))
			.withPropertyValues("rpc.server.security.authentication=required")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("rpc.server.security.authentication is required, but Spring Security is not"
						+ " on the classpath")
				.hasStackTraceContaining("spring-boot-starter-security"));
	}

	@Test
	void requiredAuthenticationWithTheSecurityAutoConfigurationExcludedFailsTheStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class))
			.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1",
					"rpc.server.security.authentication=required")
			.withBean(DefaultCalculator.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("jrpc's authentication (RpcServerSecurityAutoConfiguration) is excluded"));
	}

	@Test
	void twoUserDetailsServicesWithoutAPrimaryOneFailTheStartupNamingThem() {
		this.runner.withBean("staff", UserDetailsService.class, () -> new InMemoryUserDetailsManager())
			.withBean("robots", UserDetailsService.class, () -> new InMemoryUserDetailsManager())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("needs one UserDetailsService bean but found 2 (staff, robots)")
				.hasStackTraceContaining("@Primary"));
	}

}
