package dev.chargestorm.toxiproxy.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A {@code host:port} listen address as Toxiproxy parses it (Go's {@code SplitHostPort}), and the Go
 * {@code Addr().String()} form of a bound address: {@code 127.0.0.1:p}, {@code [::1]:p}, and {@code [::]:p} for every
 * wildcard bind (Go listens dual-stack).
 */
record ListenAddress(String host, int port) {

    static ListenAddress parse(String listen) {
        if (listen.isEmpty()) {
            return new ListenAddress("", 0);
        }
        String host;
        String port;
        if (listen.startsWith("[")) {
            int end = listen.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("address " + listen + ": missing ']' in address");
            }
            if (end + 1 >= listen.length() || listen.charAt(end + 1) != ':') {
                throw new IllegalArgumentException("address " + listen + ": missing port in address");
            }
            host = listen.substring(1, end);
            port = listen.substring(end + 2);
        } else {
            int colon = listen.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("address " + listen + ": missing port in address");
            }
            host = listen.substring(0, colon);
            if (host.contains(":")) {
                throw new IllegalArgumentException("address " + listen + ": too many colons in address");
            }
            port = listen.substring(colon + 1);
        }
        int number;
        try {
            number = port.isEmpty() ? 0 : Integer.parseInt(port);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("address " + listen + ": invalid port " + port);
        }
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("address " + listen + ": invalid port " + port);
        }
        return new ListenAddress(host, number);
    }

    boolean wildcard() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    InetSocketAddress bindAddress() throws UnknownHostException {
        if (wildcard()) {
            return new InetSocketAddress(port);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** The resolved form used to compare a requested listen with a stored one (wildcards normalised to [::]). */
    String resolved() throws UnknownHostException {
        if (wildcard()) {
            return "[::]:" + port;
        }
        return format(bindAddress());
    }

    /** The host as the real server prints it in {@code listen tcp HOST:PORT: bind: ...} messages. */
    String hostForErrors() {
        try {
            return wildcard() ? host : bindAddress().getAddress().getHostAddress();
        } catch (UnknownHostException unknown) {
            return host;
        }
    }

    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null || ip.isAnyLocalAddress()) {
            return "[::]:" + address.getPort();
        }
        String literal = ip.getHostAddress();
        int scope = literal.indexOf('%');
        if (scope >= 0) {
            literal = literal.substring(0, scope);
        }
        return (literal.contains(":") ? "[" + compress(literal) + "]" : literal) + ":" + address.getPort();
    }

    /** RFC 5952 form, as Go prints IPv6: the longest run of two or more zero groups becomes {@code ::}. */
    static String compress(String ipv6) {
        String[] groups = ipv6.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int length = 0;
            while (i + length < groups.length && groups[i + length].equals("0")) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return ipv6;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
