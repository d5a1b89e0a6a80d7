/**
 * Spring Cloud as a source of endpoints: services registered in Eureka, Consul, Kubernetes or any
 * other registry that Spring Cloud's {@code DiscoveryClient} reads, for addresses
 * {@code discovery:///service-id}.
 */
@NullMarked
package dev.jrpc.spring.cloud;

import org.jspecify.annotations.NullMarked;
