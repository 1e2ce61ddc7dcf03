package io.pitwall.connect.ssh;

import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.SessionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The key files ssh would offer ({@code -i FILE}, then {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}).
 * A key that cannot be read without a passphrase is left out, and said so: Pitwall asks for no passphrase; such a
 * key signs through the agent ({@code ssh-add}).
 */
final class ClientKeys implements KeyIdentityProvider {

    private final List<Path> files;
    private final List<String> skipped = new CopyOnWriteArrayList<>();

    ClientKeys(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public Iterable<KeyPair> loadKeys(SessionContext session) {
        List<KeyPair> keys = new ArrayList<>();
        skipped.clear();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            FileKeyPairProvider provider = new FileKeyPairProvider(file);
            provider.setPasswordFinder((s, resource, retry) -> null);
            int before = keys.size();
            String why = "it cannot be read without its passphrase";
            try {
                provider.loadKeys(session).forEach(keys::add);
            } catch (Exception | Error e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (keys.size() == before) {
                skipped.add(file + " (" + why + "; Pitwall asks for no passphrase: such a key signs through "
                        + "ssh-agent, after ssh-add " + file + ")");
            }
        }
        return keys;
    }

    /** The key files that exist, in the order offered. */
    List<Path> present() {
        return files.stream().filter(Files::isRegularFile).toList();
    }

    /** Key files left out at the last login, with the reason. */
    List<String> skipped() {
        return List.copyOf(skipped);
    }
}
