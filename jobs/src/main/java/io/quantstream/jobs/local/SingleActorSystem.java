package io.quantstream.jobs.local;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.AddressResolution;
import org.apache.flink.runtime.rpc.FencedRpcGateway;
import org.apache.flink.runtime.rpc.RpcEndpoint;
import org.apache.flink.runtime.rpc.RpcGateway;
import org.apache.flink.runtime.rpc.RpcServer;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.util.Reference;
import org.apache.flink.util.concurrent.ScheduledExecutor;

/**
 * The RPC system of one embedded cluster, on which the metric query service shares the cluster's
 * common RPC service instead of starting an actor system of its own.
 *
 * <p>{@code MiniCluster} starts its common RPC service (dispatcher, resource manager, job masters
 * and task managers) and then, through {@code MetricUtils.startLocalMetricsRpcService}, a second
 * Pekko actor system named {@code flink-metrics} for the {@code MetricQueryService} alone, with
 * its own configuration, dispatcher and scheduler threads (4 % of the main thread's CPU samples
 * in a short {@code klines} run, JFR). On a cluster that isolation keeps metric dumps from delaying
 * heartbeats of a busy job manager; in one local process both end up on the same two cores
 * anyway. The web UI and the REST API still read task and job manager metrics through the query
 * service, now at an address of the common actor system.
 */
final class SingleActorSystem implements RpcSystem {

    /** The component name {@code MetricUtils} gives the metric query service's actor system. */
    static final String METRICS_COMPONENT = "flink-metrics";

    private final Reference<RpcSystem> rpcSystem;
    /** The first local service started: the cluster's common RPC service. */
    private RpcService common;

    private SingleActorSystem(Reference<RpcSystem> rpcSystem) {
        this.rpcSystem = rpcSystem;
    }

    /** {@code rpcSystem} for one cluster, owned by it (closing it closes what the reference owns). */
    static Reference<RpcSystem> of(Reference<RpcSystem> rpcSystem) {
        return Reference.owned(new SingleActorSystem(rpcSystem));
    }

    @Override
    public RpcServiceBuilder localServiceBuilder(Configuration configuration) {
        return new LocalBuilder(rpcSystem.deref().localServiceBuilder(configuration));
    }

    @Override
    public RpcServiceBuilder remoteServiceBuilder(Configuration configuration,
            String externalAddress, String externalPortRange) {
        return rpcSystem.deref().remoteServiceBuilder(configuration, externalAddress, externalPortRange);
    }

    @Override
    public String getRpcUrl(String hostname, int port, String endpointName,
            AddressResolution addressResolution, Configuration config) throws UnknownHostException {
        return rpcSystem.deref().getRpcUrl(hostname, port, endpointName, addressResolution, config);
    }

    @Override
    public InetSocketAddress getInetSocketAddressFromRpcUrl(String url) throws Exception {
        return rpcSystem.deref().getInetSocketAddressFromRpcUrl(url);
    }

    @Override
    public long getMaximumMessageSizeInBytes(Configuration config) {
        return rpcSystem.deref().getMaximumMessageSizeInBytes(config);
    }

    @Override
    public void close() {
        rpcSystem.owned().ifPresent(RpcSystem::close);
    }

    private final class LocalBuilder implements RpcServiceBuilder {
        private final RpcServiceBuilder builder;
        private String componentName;

        LocalBuilder(RpcServiceBuilder builder) {
            this.builder = builder;
        }

        @Override
        public RpcServiceBuilder withComponentName(String name) {
            componentName = name;
            builder.withComponentName(name);
            return this;
        }

        @Override
        public RpcServiceBuilder withBindAddress(String bindAddress) {
            builder.withBindAddress(bindAddress);
            return this;
        }

        @Override
        public RpcServiceBuilder withBindPort(int bindPort) {
            builder.withBindPort(bindPort);
            return this;
        }

        @Override
        public RpcServiceBuilder withExecutorConfiguration(FixedThreadPoolExecutorConfiguration executor) {
            builder.withExecutorConfiguration(executor);
            return this;
        }

        @Override
        public RpcServiceBuilder withExecutorConfiguration(ForkJoinExecutorConfiguration executor) {
            builder.withExecutorConfiguration(executor);
            return this;
        }

        @Override
        public RpcService createAndStart() throws Exception {
            synchronized (SingleActorSystem.this) {
                if (common != null && METRICS_COMPONENT.equals(componentName)) {
                    return new Borrowed(common);
                }
                RpcService started = builder.createAndStart();
                if (common == null) {
                    common = started;
                }
                return started;
            }
        }
    }

    /** The common service, for the metric query service: its owner, the cluster, closes it. */
    private static final class Borrowed implements RpcService {
        private final RpcService service;

        Borrowed(RpcService service) {
            this.service = service;
        }

        @Override
        public String getAddress() {
            return service.getAddress();
        }

        @Override
        public int getPort() {
            return service.getPort();
        }

        @Override
        public <C extends RpcGateway> C getSelfGateway(Class<C> selfGatewayType, RpcServer rpcServer) {
            return service.getSelfGateway(selfGatewayType, rpcServer);
        }

        @Override
        public <C extends RpcGateway> CompletableFuture<C> connect(String address, Class<C> clazz) {
            return service.connect(address, clazz);
        }

        @Override
        public <F extends Serializable, C extends FencedRpcGateway<F>> CompletableFuture<C> connect(
                String address, F fencingToken, Class<C> clazz) {
            return service.connect(address, fencingToken, clazz);
        }

        @Override
        public <C extends RpcEndpoint & RpcGateway> RpcServer startServer(
                C rpcEndpoint, Map<String, String> loggingContext) {
            return service.startServer(rpcEndpoint, loggingContext);
        }

        @Override
        public void stopServer(RpcServer selfGateway) {
            service.stopServer(selfGateway);
        }

        @Override
        public ScheduledExecutor getScheduledExecutor() {
            return service.getScheduledExecutor();
        }

        @Override
        public CompletableFuture<Void> closeAsync() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
