package io.pitwall.ui.connect;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.SavedConnections.Saved;
import io.pitwall.connect.SavedPasswords;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.keyring.Keyring;
import javafx.application.Platform;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Connect dialog's desktop keyring: every question goes to the background executor (D-Bus calls block, up to
 * their timeout) and every answer comes back on the FX thread.
 */
public final class ConnectKeyring {

    /** Whether a password can be remembered now (or why not), and which saved connections have one stored. */
    public record Snapshot(boolean usable, String status, Set<String> stored) {
    }

    private final SavedPasswords passwords;
    private final TargetResolver resolver;
    private final Executor executor;

    public ConnectKeyring(SavedPasswords passwords, TargetResolver resolver, Executor executor) {
        this.passwords = passwords;
        this.resolver = resolver;
        this.executor = executor;
    }

    /** The session's own keyring, asked on a virtual thread per question (they are few and short). */
    public static ConnectKeyring ofSystem() {
        return new ConnectKeyring(SavedPasswords.ofSystem(), TargetResolver.fromSystem(null),
                task -> Thread.ofVirtual().name("keyring").start(task));
    }

    void read(List<Saved> saved, Consumer<Snapshot> onAnswer) {
        executor.execute(() -> {
            Keyring.Status status = passwords.status();
            Set<String> stored = Set.of();
            String line = status.describe();
            if (status.available()) {
                try {
                    stored = passwords.stored(saved).entrySet().stream().filter(Map.Entry::getValue)
                            .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
                } catch (Exception e) {
                    line = line + "; " + e.getMessage();
                }
            }
            Snapshot snapshot = new Snapshot(status.available() && !status.locked(), line, stored);
            Platform.runLater(() -> onAnswer.accept(snapshot));
        });
    }

    /** Stores the typed password of a request that has just connected; the answer is null or why it was not stored. */
    void remember(ConnectRequest request, Consumer<String> onAnswer) {
        executor.execute(() -> {
            String problem = null;
            try {
                ConnectionTarget target = resolver.resolve(request.uri());
                String name = request.name() == null ? ConnectionIdentity.defaultName(target) : request.name();
                passwords.store(name, target, request.password());
            } catch (Exception e) {
                problem = e.getMessage();
            }
            String answer = problem;
            Platform.runLater(() -> onAnswer.accept(answer));
        });
    }

    /** Removes a saved connection's stored password; the answer is null or why it could not. */
    void forget(Saved saved, Consumer<String> onAnswer) {
        executor.execute(() -> {
            String problem = null;
            try {
                passwords.forget(saved);
            } catch (Exception e) {
                problem = e.getMessage();
            }
            String answer = problem;
            Platform.runLater(() -> onAnswer.accept(answer));
        });
    }
}
