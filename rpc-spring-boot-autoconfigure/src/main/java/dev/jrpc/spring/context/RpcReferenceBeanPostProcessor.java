package dev.jrpc.spring.context;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.jrpc.LoadBalancing;
import dev.jrpc.RpcFraming;
import dev.jrpc.spring.RpcReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Injects a proxy into every field annotated with {@link RpcReference}, private and inherited
 * fields included. Each annotation is resolved once per class: placeholders first, then the
 * annotation's own values, the per-service properties and the global properties, in that order.
 * References that resolve to the same settings share one proxy.
 */
public class RpcReferenceBeanPostProcessor implements InstantiationAwareBeanPostProcessor, PriorityOrdered {

	/** Where the settings left empty on an annotation come from: the properties. */
	@FunctionalInterface
	public interface Defaults {

		/** The configured settings of the references to {@code service}. */
		ServiceDefaults forService(String service);

	}

	/**
	 * The configured settings of the references to one service.
	 *
	 * @param address the address, or null when none is configured
	 * @param timeout how long each call waits for its answer
	 * @param plainNames whether the server's methods answer to their plain names
	 * @param framing how messages are delimited on the connection
	 * @param maxInFlight most calls in flight at once per connection, 0 for no limit
	 * @param loadBalancing how calls are spread over the endpoints
	 * @param maxAttempts attempts in all of an idempotent call that may have run
	 */
	public record ServiceDefaults(@Nullable String address, Duration timeout, boolean plainNames, RpcFraming framing,
			int maxInFlight, LoadBalancing loadBalancing, int maxAttempts) {
	}

	private final Environment environment;

	private final Defaults defaults;

	private final Function<ReferenceSettings, Object> proxyFactory;

	private final Map<Class<?>, List<Field>> fieldsByClass = new ConcurrentHashMap<>();

	private final Map<ReferenceSettings, Object> proxies = new ConcurrentHashMap<>();

	public RpcReferenceBeanPostProcessor(Environment environment, Defaults defaults,
			Function<ReferenceSettings, Object> proxyFactory) {
		this.environment = environment;
		this.defaults = defaults;
		this.proxyFactory = proxyFactory;
	}

	@Override
	public PropertyValues postProcessProperties(PropertyValues values, Object bean, String beanName)
			throws BeansException {
		for (Field field : referenceFields(ClassUtils.getUserClass(bean))) {
			Object proxy;
			ReferenceSettings settings = null;
			try {
				settings = resolve(field);
				proxy = this.proxies.computeIfAbsent(settings, this.proxyFactory);
			}
			catch (RuntimeException ex) {
				String message = ex.getMessage();
				if (settings != null && settings.address() == null && message != null && message.startsWith("No address")) {
					// Neither an address nor a registry to find the service in.
					message = "No address for @RpcReference field " + describe(field) + " (service " + settings.name()
							+ "): set address on the annotation, rpc.client.services[" + settings.name()
							+ "].address, or rpc.client.address, or find services in ZooKeeper with"
							+ " rpc.registry.zookeeper.connect-string";
				}
				else if (message == null || !message.contains(describe(field))) {
					message = "Cannot inject @RpcReference field " + describe(field) + ": " + message;
				}
				throw new BeanCreationException(beanName, message, ex);
			}
			ReflectionUtils.makeAccessible(field);
			ReflectionUtils.setField(field, bean, proxy);
		}
		return values;
	}

	private List<Field> referenceFields(Class<?> type) {
		return this.fieldsByClass.computeIfAbsent(type, (key) -> {
			List<Field> fields = new ArrayList<>();
			ReflectionUtils.doWithFields(key, fields::add, (field) -> field.isAnnotationPresent(RpcReference.class));
			for (Field field : fields) {
				if (Modifier.isStatic(field.getModifiers())) {
					throw new IllegalStateException("@RpcReference cannot inject static field " + describe(field)
							+ "; make it an instance field");
				}
				if (!field.getType().isInterface()) {
					throw new IllegalStateException("@RpcReference field " + describe(field) + " has type "
							+ field.getType().getName() + ", which is not an interface; declare it as the service interface");
				}
			}
			return List.copyOf(fields);
		});
	}

	/** The settings of one annotated field. */
	ReferenceSettings resolve(Field field) {
		RpcReference annotation = field.getAnnotation(RpcReference.class);
		Class<?> type = field.getType();
		String name = resolve(annotation.name());
		if (name.isEmpty()) {
			name = type.getName();
		}
		String version = resolve(annotation.version());
		ServiceDefaults configuredSettings = this.defaults.forService(name);
		String address = resolve(annotation.address());
		if (address.isEmpty()) {
			// None here: the client's registry, if it has one, finds the service.
			String configured = configuredSettings.address();
			address = (configured != null) ? configured : "";
		}
		String timeoutText = resolve(annotation.timeout());
		Duration timeout;
		if (timeoutText.isEmpty()) {
			timeout = configuredSettings.timeout();
		}
		else {
			try {
				timeout = DurationStyle.detectAndParse(timeoutText);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("@RpcReference field " + describe(field) + " has timeout '"
						+ timeoutText + "', which is not a duration; write one such as 500ms or 2s", ex);
			}
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalStateException("The timeout of @RpcReference field " + describe(field)
					+ " must be positive, was " + timeout);
		}
		return new ReferenceSettings(type, name, version, address.isBlank() ? null : address.strip(), timeout,
				configuredSettings.plainNames(), configuredSettings.framing(), configuredSettings.maxInFlight(),
				configuredSettings.loadBalancing(), configuredSettings.maxAttempts());
	}

	private String resolve(String value) {
		return value.isEmpty() ? value : this.environment.resolveRequiredPlaceholders(value).strip();
	}

	private static String describe(Field field) {
		return field.getDeclaringClass().getName() + '.' + field.getName();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
