package dev.jrpc.spring.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Changes jrpc's own JSON mapper, which starts from {@link dev.jrpc.RpcJsonMapper}'s settings and
 * is separate from the application's: register modules or mix-ins for the types your interfaces
 * use. Never enable default typing. Every bean of this type is applied, in order.
 */
@FunctionalInterface
public interface RpcJsonMapperCustomizer {

	void customize(JsonMapper.Builder builder);

}
