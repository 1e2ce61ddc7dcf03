package io.pitwall.connect.keyring;

import io.pitwall.connect.keyring.KeyringException.Kind;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to the D-Bus session bus, for calls to the Secret Service: every call waits for its reply at most
 * the timeout, so a hung or absent service is an answer ("unavailable"), never a frozen caller. Built on dbus-java's
 * message level (not its proxy interfaces) because only there does each call get its own timeout.
 */
final class SecretBus implements AutoCloseable {

    static final String SERVICE = "org.freedesktop.secrets";

    private final DBusConnection connection;
    private final long timeoutMillis;

    private SecretBus(DBusConnection connection, Duration timeout) {
        this.connection = connection;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Connects to the bus at this address (DBUS_SESSION_BUS_ADDRESS's form). */
    static SecretBus open(String address, Duration timeout) throws KeyringException {
        if (address == null || address.isBlank()) {
            throw new KeyringException(Kind.UNAVAILABLE, "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        }
        if (address.contains("abstract=")) {
            throw new KeyringException(Kind.UNAVAILABLE, "the session bus is on an abstract socket (" + address
                    + "), which the JDK cannot open");
        }
        // dbus-java's Unix-socket transport has no connect timeout: the connect (socket, SASL, Hello) runs on its own
        // daemon thread and is given up after the timeout.
        FutureTask<DBusConnection> connect = new FutureTask<>(
                () -> DBusConnectionBuilder.forAddress(address).withShared(false).build());
        Thread thread = new Thread(connect, "keyring-connect");
        thread.setDaemon(true);
        thread.start();
        try {
            return new SecretBus(connect.get(timeout.toMillis(), TimeUnit.MILLISECONDS), timeout);
        } catch (TimeoutException e) {
            connect.cancel(true);
            throw new KeyringException(Kind.UNAVAILABLE, "the D-Bus session bus did not answer within "
                    + say(timeout));
        } catch (ExecutionException e) {
            throw new KeyringException(Kind.UNAVAILABLE, "cannot connect to the D-Bus session bus at " + address + ": "
                    + message(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyringException(Kind.UNAVAILABLE, "interrupted while connecting to the D-Bus session bus");
        }
    }

    /**
     * Calls a method of the Secret Service and returns its reply's values; a D-Bus error becomes a
     * {@link KeyringException} naming the error.
     */
    Object[] call(String path, String iface, String member, String signature, Object... args) throws KeyringException {
        MethodCall call;
        try {
            call = connection.getMessageFactory().createMethodCall(null, SERVICE, path, iface, member, (byte) 0,
                    signature, args);
        } catch (DBusException e) {
            throw new KeyringException(Kind.FAILED, "cannot build the D-Bus call " + member + ": " + e.getMessage(), e);
        }
        connection.sendMessage(call);
        Message reply = call.getReply(timeoutMillis);
        if (reply == null) {
            throw new KeyringException(Kind.UNAVAILABLE, "the Secret Service did not answer " + member + " within "
                    + say(Duration.ofMillis(timeoutMillis)));
        }
        try {
            if (reply instanceof Error error) {
                throw failure(member, error.getName(), Arrays.toString(error.getParameters()));
            }
            return reply.getParameters();
        } catch (DBusException e) {
            throw new KeyringException(Kind.FAILED, "cannot read the Secret Service's reply to " + member + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyringException failure(String member, String name, String detail) {
        String text = detail.length() > 2 ? detail.substring(1, detail.length() - 1) : "";
        if (name.equals("org.freedesktop.DBus.Error.ServiceUnknown") || name.startsWith("org.freedesktop.DBus.Error.Spawn")
                || name.equals("org.freedesktop.DBus.Error.NameHasNoOwner")) {
            return new KeyringException(Kind.UNAVAILABLE, "no Secret Service on the session bus (" + name + ")");
        }
        if (name.equals("org.freedesktop.Secret.Error.IsLocked")) {
            return new KeyringException(Kind.LOCKED, "keyring locked: " + text);
        }
        return new DBusError(member, name, text);
    }

    /** An error the service answered with, by its D-Bus name (callers may react to one, e.g. NotSupported). */
    static final class DBusError extends KeyringException {
        private final String name;

        DBusError(String member, String name, String text) {
            super(Kind.FAILED, "the Secret Service refused " + member + ": " + name + (text.isEmpty() ? "" : " " + text));
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // closing a connection that is going away anyway
        }
    }

    private static String say(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String message(Throwable error) {
        return error == null ? "unknown error" : error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage();
    }
}
