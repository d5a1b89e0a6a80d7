package dev.jrpc.spring.context;

import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcServer;
import dev.jrpc.spring.ImportRpcClients;
import dev.jrpc.spring.RpcReference;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import dev.jrpc.spring.fixtures.clients.ScannedCalculator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Client beans from {@link ImportRpcClients}: injected like any bean, configured like any reference. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class RpcClientBeansTests {

	private RpcServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcClientAutoConfiguration.class));

	@BeforeEach
	void start() {
		this.server = RpcServer.builder().address("127.0.0.1").port(0)
			.addService(Calculator.class, new DefaultCalculator(), Calculator.class.getName(), "")
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	private String address() {
		return "127.0.0.1:" + this.server.port();
	}

	@Test
	void aClientBeanIsInjectedThroughAConstructorAndByItsName() {
		this.runner.withUserConfiguration(TypesImported.class)
			.withBean(ConstructorUser.class)
			.withPropertyValues("rpc.client.services[" + Calculator.class.getName() + "].address=" + address())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("calculatorClient");
				ConstructorUser user = context.getBean(ConstructorUser.class);
				assertThat(user.calculator.add(20, 22)).isEqualTo(42);
				assertThat(user.named).isSameAs(user.calculator);
				assertThat(user.provided.getObject()).isSameAs(user.calculator);
			});
	}

	@Test
	void aClientBeanAndAFieldReferenceWithTheSameSettingsShareOneProxy() {
		this.runner.withUserConfiguration(TypesImported.class)
			.withBean(FieldUser.class)
			.withPropertyValues("rpc.client.address=" + address())
			.run((context) -> assertThat(context.getBean(FieldUser.class).calculator)
				.isSameAs(context.getBean(Calculator.class)));
	}

	@Test
	void scanningFindsTheMarkedInterfacesAndReadsTheirSettingsWhenTheBeanIsMade() {
		this.runner.withUserConfiguration(PackageScanned.class)
			.withPropertyValues("calculator.address=" + address())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ScannedCalculator.class).hasBean("scannedCalculatorClient");
				assertThat(context.getBean(ScannedCalculator.class).add(1, 2)).isEqualTo(3);
			});
	}

	@Test
	void aScannedPackageWithoutMarkedInterfacesIsAWarning(CapturedOutput output) {
		this.runner.withUserConfiguration(NothingScanned.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("scans package 'dev.jrpc.spring.cloud', which holds no interface annotated with"
					+ " @RpcServiceClient");
		});
	}

	@Test
	void aClientBeanWithoutAnAddressFailsTheStartupNamingTheBeanAndTheProperties() {
		this.runner.withUserConfiguration(TypesImported.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("No address for client bean 'calculatorClient' (" + Calculator.class.getName() + ")")
				.hasStackTraceContaining("rpc.client.services[" + Calculator.class.getName() + "].address")
				.hasStackTraceContaining("rpc.client.address");
		});
	}

	@Test
	void aTypeThatIsNotAnInterfaceFailsTheStartup() {
		this.runner.withUserConfiguration(ClassImported.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"@ImportRpcClients on " + ClassImported.class.getName() + " names " + DefaultCalculator.class.getName()
							+ ", which is not an interface");
		});
	}

	@Test
	void twoClientBeansOfTheSameNameFailTheStartup() {
		this.runner.withUserConfiguration(ClashingNames.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("would be named 'clock'")
				.hasStackTraceContaining("@RpcServiceClient(beanName");
		});
	}

	@Test
	void anInterfaceThatCannotBeCalledFailsTheStartupNamingTheBean() {
		this.runner.withUserConfiguration(UncallableImported.class).withPropertyValues("rpc.client.address=" + address())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Cannot create the proxy of client bean 'uncallableClient' ("
							+ Uncallable.class.getName() + ")")
					.hasStackTraceContaining("generic method");
			});
	}

	@Test
	void importingTheSameInterfaceTwiceMakesOneBean() {
		this.runner.withUserConfiguration(TypesImported.class, TypesImportedAgain.class)
			.withPropertyValues("rpc.client.address=" + address())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Calculator.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(types = Calculator.class)
	static class TypesImported {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(types = Calculator.class)
	static class TypesImportedAgain {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(basePackages = "dev.jrpc.spring.fixtures.clients")
	static class PackageScanned {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(basePackages = "dev.jrpc.spring.cloud")
	static class NothingScanned {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(types = DefaultCalculator.class)
	static class ClassImported {

	}

	/** A generic method cannot be called remotely. */
	public interface Uncallable {

		<T> T echo(T value);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(types = Uncallable.class)
	static class UncallableImported {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRpcClients(basePackages = "dev.jrpc.spring.fixtures.clashing")
	static class ClashingNames {

	}

	static class ConstructorUser {

		final Calculator calculator;

		final Calculator named;

		final ObjectProvider<Calculator> provided;

		ConstructorUser(Calculator calculator, @Qualifier("calculatorClient") Calculator named,
				ObjectProvider<Calculator> provided) {
			this.calculator = calculator;
			this.named = named;
			this.provided = provided;
		}

	}

	static class FieldUser {

		@RpcReference
		Calculator calculator;

	}

}
