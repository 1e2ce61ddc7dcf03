package io.pitwall.connect.keyring;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The DH transport's pieces on their own: HKDF against RFC 5869, the exchange, and its guard on the peer's value. */
class DhTransportTest {

    @Test
    void hkdfMatchesRfc5869TestCase3() throws Exception {
        // RFC 5869 appendix A.3: SHA-256, IKM = 22 bytes of 0x0b, no salt, no info, L = 42.
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                HexFormat.of().formatHex(DhTransport.hkdfSha256(ikm, 42)));
    }

    @Test
    void twoSidesAgreeAndTheSecretTravelsEncrypted() throws Exception {
        DhTransport client = new DhTransport();
        DhTransport service = new DhTransport();
        client.agree(service.publicValue());
        service.agree(client.publicValue());
        byte[] plain = "s3cret".getBytes(StandardCharsets.UTF_8);
        byte[][] sent = client.encrypt(plain);
        assertEquals(16, sent[0].length, "a 16-byte IV");
        assertEquals(16, sent[1].length, "padded to one AES block");
        assertFalse(new String(sent[1], StandardCharsets.ISO_8859_1).contains("s3cret"));
        assertArrayEquals(plain, service.decrypt(sent[0], sent[1]));
        byte[][] again = client.encrypt(plain);
        assertFalse(Arrays.equals(sent[1], again[1]), "a fresh IV each time: the same secret never looks the same");
    }

    @Test
    void aDegeneratePublicValueIsRefused() {
        DhTransport client = new DhTransport();
        // 1 and p-1 would force the shared secret to 1 or ±1: anyone on the bus could then read the secrets.
        byte[] pMinusOne = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
                + "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F4"
                + "06B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF", 16).subtract(BigInteger.ONE)
                .toByteArray();
        assertThrows(GeneralSecurityException.class, () -> client.agree(new byte[]{1}));
        assertThrows(GeneralSecurityException.class, () -> client.agree(pMinusOne));
    }
}
