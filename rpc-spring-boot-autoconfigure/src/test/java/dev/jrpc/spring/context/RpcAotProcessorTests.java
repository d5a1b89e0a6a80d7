package dev.jrpc.spring.context;

import java.util.List;

import dev.jrpc.spring.ImportRpcClients;
import dev.jrpc.spring.RpcReference;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.Clock;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import dev.jrpc.spring.fixtures.Vault;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/** The runtime hints of an AOT-processed application: its exported, referenced and client-bean interfaces. */
class RpcAotProcessorTests {

	@Test
	void registersTheInterfacesTheirProxiesAndTheTypesOfTheirSignatures() throws Exception {
		RuntimeHints hints = hintsOf(Application.class, DefaultCalculator.class, ClockCaller.class);
		RuntimeHints generic = hintsOf(Application.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Calculator.Summary.class))
			.as("a type argument of a generic parent").accepts(generic);

		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class.getMethod("add", int.class, int.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Calculator.Summary.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Calculator.Summary.class.getMethod("values"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Clock.class)).as("an @RpcReference field").accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Vault.class)).as("a client bean").accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Calculator.class)).as("only exported").rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(dev.jrpc.internal.openrpc.Discovery.class))
			.as("rpc.discover").accepts(hints);
	}

	@Test
	void contributesNothingToAnApplicationWithoutServicesOrReferences() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(Object.class);
		context.refreshForAotProcessing(new RuntimeHints());
		assertThat(new RpcAotProcessor().processAheadOfTime(context.getBeanFactory())).isNull();
	}

	private static RuntimeHints hintsOf(Class<?>... components) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(components);
		context.refreshForAotProcessing(new RuntimeHints());
		BeanFactoryInitializationAotContribution contribution = new RpcAotProcessor()
			.processAheadOfTime(context.getBeanFactory());
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("dev.jrpc.aot", "Test")), new InMemoryGeneratedFiles());
		contribution.applyTo(generation, null);
		return generation.getRuntimeHints();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(types = { Vault.class, Summaries.class })
	static class Application {

	}

	public interface Repository<T> {

		T find(long id);

	}

	/** A client interface whose types come from its generic parent. */
	public interface Summaries extends Repository<Calculator.Summary> {

	}

	static class ClockCaller {

		@RpcReference
		Clock clock;

		List<String> unrelated;

	}

}
