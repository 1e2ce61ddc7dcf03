package io.pitwall.connect.ssh;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's socket factory for a database behind a bastion: the driver keeps the database's own host and port
 * (so TLS checks the database's certificate, and no URL is spliced), and each socket it opens is connected to the
 * tunnel's loopback port instead, the tunnel opened or reopened first. The driver creates this class by name with
 * one string argument: the key of a tunnel registered here.
 */
public final class TunnelSocketFactory extends SocketFactory {

    private static final Map<String, SshTunnel> TUNNELS = new ConcurrentHashMap<>();

    private final String key;

    public TunnelSocketFactory(String key) {
        this.key = key;
    }

    /** Makes a tunnel reachable by the driver; returns the key for {@code socketFactoryArg}. */
    public static String register(SshTunnel tunnel) {
        String key = UUID.randomUUID().toString();
        TUNNELS.put(key, tunnel);
        return key;
    }

    public static void unregister(String key) {
        TUNNELS.remove(key);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress database, int timeout) throws IOException {
                SshTunnel tunnel = TUNNELS.get(key);
                if (tunnel == null) {
                    throw new IOException("the SSH tunnel to " + database + " is closed");
                }
                int port;
                try {
                    port = tunnel.localPort();
                } catch (SshFailure failure) {
                    throw new IOException(failure.getMessage(), failure);
                }
                super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(InetSocketAddress.createUnresolved(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(InetSocketAddress.createUnresolved(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(SocketAddress database) throws IOException {
        Socket socket = createSocket();
        socket.connect(database);
        return socket;
    }
}
