/**
 * The scenario served by a Spring MVC {@code @RestController} on Spring Boot's embedded Tomcat and
 * called through Spring Framework's HTTP service client ({@code @HttpExchange} interfaces over
 * {@code RestClient}), JSON through Spring Boot's Jackson: the REST client a Spring Boot user
 * would pick instead of an RPC framework.
 */
package dev.jrpc.benchmark.springhttp;
