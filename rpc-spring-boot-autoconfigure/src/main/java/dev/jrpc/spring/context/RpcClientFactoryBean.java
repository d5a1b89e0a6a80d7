package dev.jrpc.spring.context;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;

/**
 * Makes one client bean, registered by {@link RpcClientsRegistrar}: its proxy comes from the
 * context's {@link RpcClientProxies}, which resolves the declared values against the environment
 * when the bean is created. The declaration holds only the interface and plain strings, so that
 * an AOT-processed application writes it as code and still reads its settings at run time. Made
 * at startup, so that a bean without an address fails the startup, not the first call.
 *
 * @param <T> the service interface
 */
public final class RpcClientFactoryBean<T> implements SmartFactoryBean<T>, BeanFactoryAware {

	private final Class<T> type;

	private final String name;

	private final String version;

	private final String address;

	private final String timeout;

	private final String beanName;

	private @Nullable BeanFactory beanFactory;

	/**
	 * @param type the service interface
	 * @param name the declared service name, empty for the interface's name
	 * @param version the declared version, may be empty
	 * @param address the declared address, empty to take it from the properties
	 * @param timeout the declared timeout, empty to take it from the properties
	 * @param beanName the bean's name, for messages
	 */
	public RpcClientFactoryBean(Class<T> type, String name, String version, String address, String timeout,
			String beanName) {
		this.type = type;
		this.name = name;
		this.version = version;
		this.address = address;
		this.timeout = timeout;
		this.beanName = beanName;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public T getObject() {
		String describedAs = "client bean '" + this.beanName + "' (" + this.type.getName() + ")";
		RpcClientProxies proxies = (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(RpcClientProxies.class).getIfAvailable() : null;
		if (proxies == null) {
			throw new IllegalStateException(describedAs + " needs jrpc's client auto-configuration: depend on"
					+ " rpc-spring-boot-starter and keep auto-configuration on");
		}
		return this.type.cast(proxies.proxy(new RpcClientProxies.Declaration(this.type, this.name, this.version,
				this.address, this.timeout, describedAs)));
	}

	@Override
	public Class<T> getObjectType() {
		return this.type;
	}

	@Override
	public boolean isEagerInit() {
		return true;
	}

}
