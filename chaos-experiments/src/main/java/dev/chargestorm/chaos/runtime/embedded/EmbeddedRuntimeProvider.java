package dev.chargestorm.chaos.runtime.embedded;

import dev.chargestorm.chaos.runtime.PlatformRuntime;
import dev.chargestorm.chaos.runtime.PlatformRuntimeProvider;
import dev.chargestorm.chaos.runtime.ProxyPlacement;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code embedded}: {@link EmbeddedRuntime} with its defaults, the given seed and node properties, the given node
 * JVM options when there are any, and Toxiproxy in this JVM or, for {@link ProxyPlacement#PROCESS_PER_ZONE}, one
 * toxiproxy-embedded process per zone.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class EmbeddedRuntimeProvider implements PlatformRuntimeProvider {

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public PlatformRuntime create(long seed, List<String> nodeProperties) {
        return create(seed, nodeProperties, List.of());
    }

    @Override
    public PlatformRuntime create(long seed, List<String> nodeProperties, List<String> nodeJvmOptions) {
        return create(seed, nodeProperties, nodeJvmOptions, ProxyPlacement.AUTO);
    }

    @Override
    public PlatformRuntime create(long seed, List<String> nodeProperties, List<String> nodeJvmOptions,
                                  ProxyPlacement proxies) {
        EmbeddedRuntimeSettings settings = EmbeddedRuntimeSettings.defaults().withSeed(seed)
                .withNodeProperties(nodeProperties.toArray(String[]::new))
                .withProxyMode(proxies == ProxyPlacement.PROCESS_PER_ZONE ? ProxyMode.PROCESS_PER_ZONE
                        : ProxyMode.IN_PROCESS);
        if (!nodeJvmOptions.isEmpty()) {
            settings = settings.withNodeJvmOptions(nodeJvmOptions.toArray(String[]::new));
        }
        return new EmbeddedRuntime(settings);
    }
}
