package dev.chargestorm.chaos.runtime;

import java.util.List;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * Service-provider interface through which the JUnit extension finds a runtime without knowing it
 * ({@code META-INF/services/dev.chargestorm.chaos.runtime.PlatformRuntimeProvider}). The embedded runtime provides
 * {@code embedded}; a Testcontainers runtime adds its own provider and is chosen with
 * {@code -Dchargestorm.runtime=testcontainers}.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface PlatformRuntimeProvider {

    /** @return the name {@code -Dchargestorm.runtime} selects */
    String name();

    /**
     * @param seed           the experiment's seed (fault randomness, dataset)
     * @param nodeProperties extra {@code --key=value} options for every node
     * @return a runtime ready to start topologies
     */
    PlatformRuntime create(long seed, List<String> nodeProperties);

    /**
     * @param seed           the experiment's seed (fault randomness, dataset)
     * @param nodeProperties extra {@code --key=value} options for every node
     * @param nodeJvmOptions JVM options for every node instead of the runtime's defaults (for example a larger heap
     *                       for a large fleet); empty for the defaults. Runtimes that start no JVMs of their own ignore
     *                       them.
     * @return a runtime ready to start topologies
     */
    default PlatformRuntime create(long seed, List<String> nodeProperties, List<String> nodeJvmOptions) {
        return create(seed, nodeProperties);
    }

    /**
     * @param seed           the experiment's seed (fault randomness, dataset)
     * @param nodeProperties extra {@code --key=value} options for every node
     * @param nodeJvmOptions JVM options for every node instead of the runtime's defaults; empty for the defaults
     * @param proxies        where the proxies run ({@link ProxyPlacement#AUTO} means the runtime's default); runtimes
     *                       whose proxies are separate processes anyway ignore it
     * @return a runtime ready to start topologies
     */
    default PlatformRuntime create(long seed, List<String> nodeProperties, List<String> nodeJvmOptions,
                                   ProxyPlacement proxies) {
        return create(seed, nodeProperties, nodeJvmOptions);
    }

    /**
     * @param name a provider name, {@code embedded} by default
     * @return the provider of that name
     * @throws IllegalStateException naming the providers on the class path when there is none of that name
     */
    static PlatformRuntimeProvider named(String name) {
        List<PlatformRuntimeProvider> providers = ServiceLoader.load(PlatformRuntimeProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no platform runtime '" + name + "' on the class path;"
                        + " available: " + providers.stream().map(PlatformRuntimeProvider::name).toList()
                        + " (set -Dchargestorm.runtime to one of them)"));
    }
}
