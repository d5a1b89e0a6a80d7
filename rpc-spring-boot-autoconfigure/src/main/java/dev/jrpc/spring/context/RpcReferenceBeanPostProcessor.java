package dev.jrpc.spring.context;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jrpc.spring.RpcReference;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Injects a proxy into every field annotated with {@link RpcReference}, private and inherited
 * fields included, from the context's {@link RpcClientProxies}: references that resolve to the
 * same settings, client beans included, share one proxy.
 */
public class RpcReferenceBeanPostProcessor implements InstantiationAwareBeanPostProcessor, PriorityOrdered {

	private final ObjectProvider<RpcClientProxies> proxies;

	private final Map<Class<?>, List<Field>> fieldsByClass = new ConcurrentHashMap<>();

	/** @param proxies asked for when the first reference is injected, not before */
	public RpcReferenceBeanPostProcessor(ObjectProvider<RpcClientProxies> proxies) {
		this.proxies = proxies;
	}

	@Override
	public PropertyValues postProcessProperties(PropertyValues values, Object bean, String beanName)
			throws BeansException {
		for (Field field : referenceFields(ClassUtils.getUserClass(bean))) {
			Object proxy;
			try {
				proxy = this.proxies.getObject().proxy(declaration(field));
			}
			catch (RuntimeException ex) {
				throw new BeanCreationException(beanName, ex.getMessage(), ex);
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
		return this.proxies.getObject().resolve(declaration(field));
	}

	private static RpcClientProxies.Declaration declaration(Field field) {
		RpcReference annotation = field.getAnnotation(RpcReference.class);
		return new RpcClientProxies.Declaration(field.getType(), annotation.name(), annotation.version(),
				annotation.address(), annotation.timeout(), "@RpcReference field " + describe(field));
	}

	private static String describe(Field field) {
		return field.getDeclaringClass().getName() + '.' + field.getName();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
