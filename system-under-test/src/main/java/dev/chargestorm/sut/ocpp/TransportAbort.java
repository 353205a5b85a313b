package dev.chargestorm.sut.ocpp;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Closes a WebSocket's TCP connection without a close frame, so the charger sees what a crash or
 * a network fault looks like (close code 1006). The WebSocket API has no such operation; Tomcat
 * has it on the session's remote endpoint, which is reached reflectively.
 */
final class TransportAbort {

	private static final Logger logger = LoggerFactory.getLogger(TransportAbort.class);

	private TransportAbort() {
	}

	static void abort(WebSocketSession session) {
		WebSocketSession delegate = WebSocketSessionDecorator.unwrap(session);
		try {
			Object nativeSession = ((NativeWebSocketSession) delegate).getNativeSession();
			Field endpointField = findField(nativeSession.getClass(), "wsRemoteEndpoint");
			endpointField.setAccessible(true);
			Object remoteEndpoint = endpointField.get(nativeSession);
			Method close = findMethod(remoteEndpoint.getClass(), "close");
			close.setAccessible(true);
			close.invoke(remoteEndpoint);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Cannot drop the TCP connection of session {} abruptly ({}); closing it with 1011 instead",
					session.getId(), ex.toString());
			try {
				session.close(CloseStatus.SERVER_ERROR);
			}
			catch (IOException closeFailure) {
				logger.debug("Closing session {} failed too: {}", session.getId(), closeFailure.getMessage());
			}
		}
	}

	private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			try {
				return current.getDeclaredField(name);
			}
			catch (NoSuchFieldException ex) {
				// look further up
			}
		}
		throw new NoSuchFieldException(type.getName() + "." + name);
	}

	private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			try {
				return current.getDeclaredMethod(name);
			}
			catch (NoSuchMethodException ex) {
				// look further up
			}
		}
		throw new NoSuchMethodException(type.getName() + "." + name + "()");
	}

}
