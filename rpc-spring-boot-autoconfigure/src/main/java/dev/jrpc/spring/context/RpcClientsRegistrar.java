package dev.jrpc.spring.context;

import java.beans.Introspector;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.jrpc.spring.ImportRpcClients;
import dev.jrpc.spring.RpcServiceClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a client bean for each interface that the {@link ImportRpcClients} annotations of a
 * configuration class name or find: a definition of {@link RpcClientFactoryBean} holding the
 * interface and the values of its {@link RpcServiceClient}, nothing read from the environment yet.
 * Importing the same interface again, from another configuration class, registers nothing more.
 */
public final class RpcClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware {

	private static final Logger logger = LoggerFactory.getLogger(RpcClientsRegistrar.class);

	private @Nullable Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		String importer = metadata.getClassName();
		Set<Class<?>> types = new LinkedHashSet<>();
		for (AnnotationAttributes imports : metadata.getMergedRepeatableAnnotationAttributes(ImportRpcClients.class,
				ImportRpcClients.Container.class, false)) {
			for (Class<?> type : imports.getClassArray("types")) {
				types.add(type);
			}
			for (String basePackage : imports.getStringArray("basePackages")) {
				Set<Class<?>> found = scan(basePackage);
				if (found.isEmpty()) {
					logger.warn("@ImportRpcClients on {} scans package '{}', which holds no interface annotated with"
							+ " @RpcServiceClient: no client bean comes from it", importer, basePackage);
				}
				types.addAll(found);
			}
		}
		for (Class<?> type : types) {
			register(type, importer, registry);
		}
	}

	private Set<Class<?>> scan(String basePackage) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isInterface() && !definition.getMetadata().isAnnotation()
						&& definition.getMetadata().isIndependent();
			}
		};
		if (this.environment != null) {
			scanner.setEnvironment(this.environment);
		}
		if (this.resourceLoader != null) {
			scanner.setResourceLoader(this.resourceLoader);
		}
		// Marked themselves: an interface that only extends a marked one is not a client of its own.
		scanner.addIncludeFilter(new AnnotationTypeFilter(RpcServiceClient.class, false, false));
		ClassLoader classLoader = (this.resourceLoader != null) ? this.resourceLoader.getClassLoader() : null;
		Set<Class<?>> found = new LinkedHashSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
			found.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
		}
		return found;
	}

	private static void register(Class<?> type, String importer, BeanDefinitionRegistry registry) {
		if (!type.isInterface()) {
			throw new IllegalStateException("@ImportRpcClients on " + importer + " names " + type.getName()
					+ ", which is not an interface: name the service interface the server exports");
		}
		RpcServiceClient declared = type.getAnnotation(RpcServiceClient.class);
		String beanName = (declared != null && !declared.beanName().isBlank()) ? declared.beanName().strip()
				: defaultBeanName(type);
		if (registry.containsBeanDefinition(beanName)) {
			BeanDefinition existing = registry.getBeanDefinition(beanName);
			if (type.equals(clientType(existing))) {
				return;
			}
			throw new IllegalStateException("The client bean of " + type.getName() + ", imported by " + importer
					+ ", would be named '" + beanName + "', the name of " + describe(existing)
					+ ": give one of them another name, as @RpcServiceClient(beanName = \"...\") on the interface");
		}
		RootBeanDefinition definition = new RootBeanDefinition(RpcClientFactoryBean.class);
		definition.setTargetType(ResolvableType.forClassWithGenerics(RpcClientFactoryBean.class, type));
		ConstructorArgumentValues arguments = definition.getConstructorArgumentValues();
		arguments.addIndexedArgumentValue(0, type);
		arguments.addIndexedArgumentValue(1, (declared != null) ? declared.name() : "");
		arguments.addIndexedArgumentValue(2, (declared != null) ? declared.version() : "");
		arguments.addIndexedArgumentValue(3, (declared != null) ? declared.address() : "");
		arguments.addIndexedArgumentValue(4, (declared != null) ? declared.timeout() : "");
		arguments.addIndexedArgumentValue(5, beanName);
		registry.registerBeanDefinition(beanName, definition);
	}

	/** {@code greetingServiceClient} for {@code GreetingService}. */
	static String defaultBeanName(Class<?> type) {
		return Introspector.decapitalize(type.getSimpleName()) + "Client";
	}

	/** The interface of a client bean's definition, or null when it is another kind of bean. */
	static @Nullable Class<?> clientType(BeanDefinition definition) {
		if (!RpcClientFactoryBean.class.getName().equals(definition.getBeanClassName())) {
			return null;
		}
		ConstructorArgumentValues.ValueHolder type = definition.getConstructorArgumentValues()
			.getIndexedArgumentValue(0, Class.class);
		return (type != null && type.getValue() instanceof Class<?> value) ? value : null;
	}

	private static String describe(BeanDefinition definition) {
		Class<?> client = clientType(definition);
		if (client != null) {
			return "the client bean of " + client.getName();
		}
		String description = definition.getResourceDescription();
		return "another bean" + ((description != null) ? " (" + description + ")" : "");
	}

}
