package dev.chargestorm.sut.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP calls to the central system on loopback, optionally as the admin. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String ADMIN = "Basic "
			+ Base64.getEncoder().encodeToString("admin:chargestorm".getBytes(StandardCharsets.UTF_8));

	private Http() {
	}

	public static HttpResponse<String> post(int port, String path, String json) {
		return send(request(port, path).POST(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	public static HttpResponse<String> adminPost(int port, String path, String json) {
		return send(request(port, path).header("Authorization", ADMIN)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public static HttpResponse<String> adminGet(int port, String path) {
		return send(request(port, path).header("Authorization", ADMIN).GET().build());
	}

	public static HttpResponse<String> get(int port, String path) {
		return send(request(port, path).GET().build());
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json");
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
