package dev.chargestorm.fleet.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One central system (PostgreSQL plus one node) for every test class that uses this extension; started once, kept in
 * the root store, so JUnit closes it when the run ends (and a shutdown hook does if the JVM dies first). Chargers get
 * Pending and Rejected answers with a 2 s interval.
 */
public final class SharedCentralSystem implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCentralSystem.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CentralSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get(context);
    }

    private static CentralSystem get(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("central-system",
                key -> CentralSystem.start(1, "--chargestorm.boot.retry-interval=2s"), CentralSystem.class);
    }
}
