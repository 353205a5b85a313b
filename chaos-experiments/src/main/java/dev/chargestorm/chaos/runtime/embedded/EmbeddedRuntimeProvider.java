package dev.chargestorm.chaos.runtime.embedded;

import dev.chargestorm.chaos.runtime.PlatformRuntime;
import dev.chargestorm.chaos.runtime.PlatformRuntimeProvider;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code embedded}: {@link EmbeddedRuntime} with its defaults, the given seed and node properties, and the given node
 * JVM options when there are any.
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
        EmbeddedRuntimeSettings settings = EmbeddedRuntimeSettings.defaults().withSeed(seed)
                .withNodeProperties(nodeProperties.toArray(String[]::new));
        if (!nodeJvmOptions.isEmpty()) {
            settings = settings.withNodeJvmOptions(nodeJvmOptions.toArray(String[]::new));
        }
        return new EmbeddedRuntime(settings);
    }
}
