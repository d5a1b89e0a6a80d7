/**
 * A ZooKeeper registry for jrpc, through Apache Curator's service-discovery recipe:
 * {@link dev.jrpc.zookeeper.ZooKeeperRegistry} lets servers announce themselves and clients watch
 * them. The node layout is described in {@code docs/registry-zookeeper.md}.
 */
@NullMarked
package dev.jrpc.zookeeper;

import org.jspecify.annotations.NullMarked;
