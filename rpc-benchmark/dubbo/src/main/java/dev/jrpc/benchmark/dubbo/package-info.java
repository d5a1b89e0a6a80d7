/** The scenario served and called by Apache Dubbo over the dubbo protocol, with a direct URL instead of a registry. */
package dev.jrpc.benchmark.dubbo;
