package dev.chargestorm.sut.ocpp;

import dev.chargestorm.sut.node.NodeProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Registers the OCPP-J endpoint at {@code /ocpp/{chargePointId}} on nodes with the OCPP role. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class OcppWebSocketConfiguration implements WebSocketConfigurer {

	/**
	 * Text buffered per connection by the container, in characters. Kept small because the
	 * container allocates it for every connection; longer messages arrive in parts and are joined
	 * up to {@code chargestorm.ocpp.max-message-size}.
	 */
	private static final int CONTAINER_TEXT_BUFFER = 4096;

	private final OcppWebSocketHandler handler;

	private final OcppHandshakeInterceptor interceptor;

	private final NodeProperties node;

	OcppWebSocketConfiguration(OcppWebSocketHandler handler, OcppHandshakeInterceptor interceptor,
			NodeProperties node) {
		this.handler = handler;
		this.interceptor = interceptor;
		this.node = node;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		if (this.node.role() == NodeProperties.Role.API) {
			return;
		}
		DefaultHandshakeHandler handshakeHandler = new DefaultHandshakeHandler();
		handshakeHandler.setSupportedProtocols(OcppProperties.SUBPROTOCOL);
		registry.addHandler(this.handler, OcppHandshakeInterceptor.PATH_PREFIX + "*")
			.addInterceptors(this.interceptor)
			.setHandshakeHandler(handshakeHandler)
			.setAllowedOrigins("*");
	}

	@Bean
	static ServletServerContainerFactoryBean ocppWebSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(CONTAINER_TEXT_BUFFER);
		container.setMaxBinaryMessageBufferSize(1024);
		// Liveness is the central system's own ping/pong check, not the container's idle timeout.
		container.setMaxSessionIdleTimeout(0L);
		return container;
	}

}
