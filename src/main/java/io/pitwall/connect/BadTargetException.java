package io.pitwall.connect;

/** A connection string or service definition that cannot be understood. */
public class BadTargetException extends Exception {

    public BadTargetException(String message) {
        super(message);
    }
}
