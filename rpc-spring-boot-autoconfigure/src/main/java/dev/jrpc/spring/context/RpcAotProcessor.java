package dev.jrpc.spring.context;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.jrpc.internal.openrpc.Discovery;
import dev.jrpc.spring.RpcReference;
import dev.jrpc.spring.RpcService;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Runtime hints for an AOT-processed application (and a native image): every interface exported
 * with {@link RpcService}, referenced with {@link RpcReference} or made a client bean with
 * {@link dev.jrpc.spring.ImportRpcClients}, is registered for reflection on its methods, each
 * referenced one as a JDK proxy, and every type in their signatures (parameters, results, declared
 * exceptions, and what records and beans hold) for JSON binding.
 */
final class RpcAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> exported = new LinkedHashSet<>();
		Set<Class<?>> referenced = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			Class<?> clientType = RpcClientsRegistrar.clientType(definition);
			if (clientType != null) {
				referenced.add(clientType);
				continue;
			}
			Class<?> type = beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			Class<?> user = ClassUtils.getUserClass(type);
			RpcService service = beanFactory.findAnnotationOnBean(name, RpcService.class, false);
			if (service != null) {
				exported.add(RpcServiceBeans.exportedInterface(user, service));
			}
			ReflectionUtils.doWithFields(user, (field) -> referenced.add(field.getType()),
					(field) -> field.isAnnotationPresent(RpcReference.class) && field.getType().isInterface());
		}
		if (exported.isEmpty() && referenced.isEmpty()) {
			return null;
		}
		return (GenerationContext context, BeanFactoryInitializationCode code) -> register(context.getRuntimeHints(),
				exported, referenced);
	}

	/** Registers the hints of {@code exported} and {@code referenced} interfaces with {@code hints}. */
	static void register(RuntimeHints hints, Set<Class<?>> exported, Set<Class<?>> referenced) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		Set<Class<?>> all = new LinkedHashSet<>(exported);
		all.addAll(referenced);
		if (!exported.isEmpty()) {
			// The server's own rpc.discover, run as the exported methods are.
			hints.reflection().registerType(Discovery.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		for (Class<?> type : all) {
			hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
			for (Method method : type.getMethods()) {
				if (method.getDeclaringClass() == Object.class || method.isDefault()) {
					continue;
				}
				// Resolved against the interface, so that a type variable of a generic parent is its argument.
				for (int i = 0; i < method.getParameterCount(); i++) {
					registerBinding(binding, hints, ResolvableType.forMethodParameter(method, i, type));
				}
				registerBinding(binding, hints, ResolvableType.forMethodReturnType(method, type));
				for (Class<?> exception : method.getExceptionTypes()) {
					// Rethrown on the client by their constructor taking a message.
					hints.reflection().registerType(exception, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
				}
			}
		}
		for (Class<?> type : referenced) {
			hints.proxies().registerJdkProxy(type);
		}
	}

	/** JSON binding hints for {@code type} and each of its type arguments and components, resolved. */
	private static void registerBinding(BindingReflectionHintsRegistrar binding, RuntimeHints hints,
			ResolvableType type) {
		if (type == ResolvableType.NONE) {
			return;
		}
		Class<?> resolved = type.resolve();
		if (resolved != null && resolved != void.class) {
			binding.registerReflectionHints(hints.reflection(), resolved);
		}
		if (type.isArray()) {
			registerBinding(binding, hints, type.getComponentType());
		}
		for (ResolvableType argument : type.getGenerics()) {
			registerBinding(binding, hints, argument);
		}
	}

}
