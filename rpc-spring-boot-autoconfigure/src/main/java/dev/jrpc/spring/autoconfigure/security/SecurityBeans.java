package dev.jrpc.spring.autoconfigure.security;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;

/** Looks up the one bean of a type the security setup uses, refusing to guess between several. */
final class SecurityBeans {

	private SecurityBeans() {
	}

	/**
	 * The bean of {@code type}, the primary one when there are several, or null when there is none.
	 * @throws IllegalStateException when there are several and none is primary
	 */
	static <T> @Nullable T unique(ListableBeanFactory beans, Class<T> type) {
		T bean = beans.getBeanProvider(type).getIfUnique();
		String[] names = beans.getBeanNamesForType(type);
		if (bean == null && names.length > 1) {
			throw new IllegalStateException("jrpc's server security needs one " + type.getSimpleName()
					+ " bean but found " + names.length + " (" + String.join(", ", names)
					+ "): mark the one to check callers with @Primary");
		}
		return bean;
	}

}
