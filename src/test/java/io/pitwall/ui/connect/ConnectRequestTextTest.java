package io.pitwall.ui.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A connect request may end up in a log line or an exception text: the typed password must never be in it. */
class ConnectRequestTextTest {

    @Test
    void theTypedPasswordIsNeverInTheText() {
        String secret = "s3cr3t-Hunter2";
        String text = new ConnectRequest("postgresql://ops@db1:5432/orders", secret, false, "orders-prod",
                "production", null, false, "ops_act", null, "ops@bastion", null, true).toString();
        assertFalse(text.contains(secret), text);
        assertTrue(text.contains("(typed)"), text);
        assertTrue(text.contains("orders-prod") && text.contains("ops@bastion"), text);
    }

    @Test
    void noPasswordSaysNone() {
        assertTrue(new ConnectRequest("postgresql://ops@db1/orders", null, false).toString().contains("password=none"));
    }
}
