package io.pitwall.connect.keyring;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.interfaces.DHPublicKey;

/**
 * The Secret Service's "dh-ietf1024-sha256-aes128-cbc-pkcs7" transport, with the JDK's own crypto: a
 * Diffie-Hellman exchange in the 1024-bit MODP group of RFC 2409 (Oakley group 2, generator 2), the shared value
 * left-padded to the prime's length and put through HKDF-SHA256 (no salt, no info) to a 16-byte key, as libsecret
 * and gnome-keyring derive it; each secret is then AES-128-CBC with PKCS#7 padding under a fresh random IV. So a
 * password never crosses the session bus readable by another client of the bus (dbus-monitor included).
 */
final class DhTransport {

    static final String ALGORITHM = "dh-ietf1024-sha256-aes128-cbc-pkcs7";

    /** RFC 2409 section 6.2, the second Oakley group. */
    private static final BigInteger PRIME = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF", 16);
    private static final BigInteger GENERATOR = BigInteger.TWO;
    private static final int PRIME_BYTES = 128;

    private final KeyPair ours;
    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec key;

    DhTransport() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
            generator.initialize(new DHParameterSpec(PRIME, GENERATOR));
            ours = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no Diffie-Hellman", e);
        }
    }

    /** Our public value, unsigned big-endian, as OpenSession's input. */
    byte[] publicValue() {
        return unsigned(((DHPublicKey) ours.getPublic()).getY());
    }

    /** Takes the service's public value (OpenSession's output) and derives the session key. */
    void agree(byte[] servicePublic) throws GeneralSecurityException {
        BigInteger y = new BigInteger(1, servicePublic);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(PRIME.subtract(BigInteger.ONE)) >= 0) {
            throw new GeneralSecurityException("the Secret Service sent an invalid Diffie-Hellman public value");
        }
        PublicKey theirs = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, PRIME, GENERATOR));
        KeyAgreement agreement = KeyAgreement.getInstance("DH");
        agreement.init(ours.getPrivate());
        agreement.doPhase(theirs, true);
        byte[] shared = leftPad(agreement.generateSecret());
        try {
            key = new SecretKeySpec(hkdfSha256(shared, 16), "AES");
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** A secret to send: [iv, ciphertext]. */
    byte[][] encrypt(byte[] plain) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS#5 is PKCS#7 for AES's 16-byte block
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return new byte[][]{iv, cipher.doFinal(plain)};
    }

    byte[] decrypt(byte[] iv, byte[] encrypted) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(encrypted);
    }

    /** RFC 5869 with an empty salt (a hash-length of zeros) and no info, as libsecret's egg_hkdf_perform is called. */
    static byte[] hkdfSha256(byte[] inputKey, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] pseudoRandom = mac.doFinal(inputKey);
        mac.init(new SecretKeySpec(pseudoRandom, "HmacSHA256"));
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, counter = 1; done < length; counter++) {
            mac.update(block);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static byte[] leftPad(byte[] value) {
        if (value.length >= PRIME_BYTES) {
            return value;
        }
        byte[] padded = new byte[PRIME_BYTES];
        System.arraycopy(value, 0, padded, PRIME_BYTES - value.length, value.length);
        return padded;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
