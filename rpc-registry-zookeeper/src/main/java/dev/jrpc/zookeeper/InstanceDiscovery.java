package dev.jrpc.zookeeper;

import java.util.Arrays;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.ServiceDiscoveryImpl;
import org.apache.zookeeper.data.Stat;

/**
 * Curator's service-discovery recipe, but for one step: it writes a server's node again only when
 * the node is not already there, in this session, with this data.
 * <p>
 * The recipe writes every registered node again on each connection event, by deleting it and
 * creating it anew, "so that watchers fire". That is needed when the session changed (the old
 * session's node may linger until ZooKeeper expires it), and harmful when it did not:
 * <ul>
 * <li>the connection event of the first connection often reaches the recipe after the first
 * registration, so every server deleted and created its node once right after it started, and a
 * client reading the service in between saw no server at all;</li>
 * <li>a short outage that kept the session (suspended, then reconnected) made every server delete
 * and create its nodes, and every client watching them read them all again.</li>
 * </ul>
 * The check reads the node once per registration and connection event, which is nothing beside a
 * delete and a create.
 */
final class InstanceDiscovery extends ServiceDiscoveryImpl<InstancePayload> {

	private final CuratorFramework client;

	private final String rootPath;

	private final NodeDataSerializer serializer;

	InstanceDiscovery(CuratorFramework client, String rootPath, NodeDataSerializer serializer) {
		super(client, rootPath, serializer, null, false);
		this.client = client;
		this.rootPath = rootPath;
		this.serializer = serializer;
	}

	@Override
	protected void internalRegisterService(ServiceInstance<InstancePayload> instance) throws Exception {
		if (!isWrittenInThisSession(instance)) {
			super.internalRegisterService(instance);
		}
	}

	/** Whether the node is there as this session wrote it; on any doubt, false: the recipe writes it. */
	private boolean isWrittenInThisSession(ServiceInstance<InstancePayload> instance) throws InterruptedException {
		String path = ZKPaths.makePath(this.rootPath, instance.getName(), instance.getId());
		try {
			Stat stat = new Stat();
			byte[] data = this.client.getData().storingStatIn(stat).forPath(path);
			long session = this.client.getZookeeperClient().getZooKeeper().getSessionId();
			return stat.getEphemeralOwner() == session && Arrays.equals(data, this.serializer.serialize(instance));
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// No node, or a check that failed: writing it again is what the recipe would do anyway.
			return false;
		}
	}

}
