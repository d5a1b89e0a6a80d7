package dev.jrpc.demo.client;

import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo client's tests once more, on the application as Spring's AOT engine processed it
 * ({@code process-aot} in the build, {@code spring.aot.enabled=true} here): its client beans come
 * from generated code, and read their addresses at run time.
 */
class DemoClientAotTests extends DemoClientApplicationTests {

	@Test
	void runsTheAotProcessedApplication() throws ClassNotFoundException {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		assertThat(Class.forName(DemoClientApplication.class.getName() + "__ApplicationContextInitializer")).isNotNull();
	}

}
