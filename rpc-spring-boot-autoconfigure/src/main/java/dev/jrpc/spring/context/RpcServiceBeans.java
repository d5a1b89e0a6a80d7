package dev.jrpc.spring.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.jrpc.RpcServer;
import dev.jrpc.spring.RpcService;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The {@code @RpcService} beans of a context, each with the interface it exports, checked once at
 * startup.
 */
public final class RpcServiceBeans {

	private RpcServiceBeans() {
	}

	/**
	 * Adds every {@code @RpcService} bean of {@code beanFactory} to {@code server}.
	 * @return the number of services added
	 * @throws IllegalStateException naming the class when its interface is missing or ambiguous
	 */
	public static int addTo(RpcServer.Builder server, ListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForAnnotation(RpcService.class);
		for (String name : names) {
			Object bean = beanFactory.getBean(name);
			RpcService annotation = beanFactory.findAnnotationOnBean(name, RpcService.class);
			Class<?> type = ClassUtils.getUserClass(bean);
			Class<?> exported = exportedInterface(type, annotation);
			add(server, exported, bean, annotation);
		}
		return names.length;
	}

	@SuppressWarnings("unchecked")
	private static <T> void add(RpcServer.Builder server, Class<T> type, Object bean, RpcService annotation) {
		if (annotation.plainNames()) {
			server.addPlainService(type, (T) bean);
		}
		else {
			server.addService(type, (T) bean, annotation.name().isEmpty() ? type.getName() : annotation.name(),
					annotation.version());
		}
	}

	/** The interface {@code type} exports: the one it names, or the one it implements. */
	static Class<?> exportedInterface(Class<?> type, RpcService annotation) {
		Class<?> named = annotation.interfaceClass();
		if (named != void.class) {
			if (!named.isInterface()) {
				throw new IllegalStateException("@RpcService on " + type.getName() + " names interfaceClass "
						+ named.getName() + ", which is not an interface");
			}
			if (!named.isAssignableFrom(type)) {
				throw new IllegalStateException("@RpcService on " + type.getName() + " names interfaceClass "
						+ named.getName() + ", which it does not implement");
			}
			return named;
		}
		List<Class<?>> candidates = new ArrayList<>();
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (!isInfrastructure(candidate)) {
				candidates.add(candidate);
			}
		}
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		if (candidates.isEmpty()) {
			throw new IllegalStateException("@RpcService class " + type.getName() + " implements no interface to "
					+ "export; implement the service interface, or name it with @RpcService(interfaceClass = ...)");
		}
		throw new IllegalStateException("@RpcService class " + type.getName() + " implements "
				+ candidates.size() + " interfaces " + Arrays.toString(candidates.stream().map(Class::getName).toArray())
				+ "; name the one to export with @RpcService(interfaceClass = ...)");
	}

	/** Interfaces of the JDK and of Spring that a service class may implement besides its own. */
	private static boolean isInfrastructure(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
				|| name.startsWith("org.springframework.") || name.startsWith("groovy.")
				|| name.startsWith("kotlin.");
	}

}
