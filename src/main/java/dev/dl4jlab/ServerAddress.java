package dev.dl4jlab;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Where a lab server (the training UI, {@code lab serve}) is to listen, checked before it starts: a port of 1 to 65535,
 * a host that names an address of this machine, and a port free there; each refusal one line naming the flag.
 */
public final class ServerAddress {
    private ServerAddress() {
    }

    /**
     * The address {@code host} names, once a probe has bound {@code port} there.
     *
     * @param users who else may hold the port, for the message: "another lab ui"
     */
    public static InetAddress check(String host, int port, String users) {
        if (port < 1 || port > 65535) {
            throw new UserError("--port must be 1 to 65535, got " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserError("--host " + host + ": unknown host");
        }
        try (ServerSocket probe = new ServerSocket(port, 1, address)) {
            probe.setReuseAddress(true);
        } catch (BindException e) {
            if (!String.valueOf(e.getMessage()).contains("in use")) {
                throw new UserError("--host " + host + ": not an address of this machine (" + e.getMessage() + "); give 127.0.0.1 "
                        + "(this machine only), 0.0.0.0 (every interface) or one of this machine's own addresses");
            }
            throw portInUse(address, host, port, users);
        } catch (IOException e) {
            throw new UserError("--host " + host + " --port " + port + ": cannot listen there: " + e.getMessage());
        }
        return address;
    }

    /** The port is taken: says so, with a free one near it when there is one. */
    public static UserError portInUse(InetAddress address, String host, int port, String users) {
        int free = port;
        for (int candidate = port + 1; candidate <= Math.min(65535, port + 100) && free == port; candidate++) {
            try (ServerSocket probe = new ServerSocket(candidate, 1, address)) {
                free = candidate;
            } catch (IOException inUse) {
                // try the next one
            }
        }
        return new UserError("port " + port + " on " + host + " is in use (" + users + ", or another program); "
                + "choose another with --port" + (free == port ? "" : ", e.g. --port " + free + " (free now)"));
    }

    /** Whether only this machine can reach {@code host} (a loopback address such as 127.0.0.1 or ::1). */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a request's {@code Host} names this machine's loopback at {@code port} (localhost, 127.x.x.x, [::1]): a
     * server on a loopback address refuses every other name, so a page on another site cannot reach it through DNS
     * rebinding (its own name pointed at 127.0.0.1).
     */
    public static boolean isLoopbackHost(String hostHeader, int port) {
        if (hostHeader == null) {
            return false;
        }
        String name = hostHeader.toLowerCase(java.util.Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            if (!name.substring(colon + 1).equals(Integer.toString(port))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** Whether {@code host} is every interface (0.0.0.0 or ::). */
    public static boolean isEverywhere(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The address as people read it: "every interface (0.0.0.0)" for 0.0.0.0 or ::. */
    public static String describe(String host) {
        return isEverywhere(host) ? "every interface (" + host + ")" : host;
    }
}
