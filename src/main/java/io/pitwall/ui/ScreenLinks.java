package io.pitwall.ui;

import io.pitwall.queue.CanonicalState;
import io.pitwall.ui.audit.AuditScreen;
import io.pitwall.ui.dashboard.DashboardScreen;
import io.pitwall.ui.dashboard.ListOpener;
import io.pitwall.ui.fleet.FleetScreen;
import io.pitwall.ui.kinds.KindsScreen;
import io.pitwall.ui.runbook.ActionOutcomes;
import io.pitwall.ui.shell.Screen;
import io.pitwall.ui.shell.ShellView;
import io.pitwall.ui.tasks.TasksScreen;

import java.util.List;
import java.util.Optional;

/**
 * How the screens lead to one another, so none knows the others: a number on a card opens its list, a finished
 * action refreshes what it changed and leaves a notice that opens its audit entry, a crossed threshold a notice.
 */
final class ScreenLinks {

    private ScreenLinks() {
    }

    /** One log line when the first live counts are on screen, with the time since the JVM started (cold start). */
    private static void logFirstCounts(DashboardScreen dashboard) {
        dashboard.viewModel().loadedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean loaded) {
                if (loaded) {
                    obs.removeListener(this);
                    long sinceStart = System.currentTimeMillis()
                            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                    org.slf4j.LoggerFactory.getLogger(ScreenLinks.class).info("first live counts {} ms after start",
                            sinceStart);
                }
            }
        });
    }

    static void link(List<Screen> screens, ShellView shell, ActionOutcomes outcomes) {
        Optional<TasksScreen> tasks = find(screens, TasksScreen.class);
        Optional<KindsScreen> kinds = find(screens, KindsScreen.class);
        Optional<AuditScreen> audit = find(screens, AuditScreen.class);
        Optional<DashboardScreen> dashboard = find(screens, DashboardScreen.class);
        dashboard.ifPresent(d -> {
            d.setListOpener(new ListOpener() {
                @Override
                public void stuck(String profileId, String where) {
                    tasks.ifPresent(t -> {
                        t.showList(profileId, where, null);
                        shell.select(t);
                    });
                }

                @Override
                public void state(String profileId, String where, CanonicalState state) {
                    tasks.ifPresent(t -> {
                        t.showList(profileId, where, state);
                        shell.select(t);
                    });
                }

                @Override
                public void kinds(String profileId, String where) {
                    kinds.ifPresent(k -> {
                        k.showQueue(where);
                        shell.select(k);
                    });
                }
            });
            d.viewModel().addAlertListener(alert -> {
                String first = alert.crossed().getFirst();
                CanonicalState list = first.contains("stuck") ? null
                        : first.startsWith("oldest") ? CanonicalState.QUEUED : CanonicalState.FAILED;
                shell.notice(alert.title() + " · " + alert.where(), String.join("  ·  ", alert.crossed()),
                        list == null ? "Open stuck list" : "Open " + list.name().toLowerCase() + " list",
                        () -> tasks.ifPresent(t -> {
                            t.showList(alert.profileId(), alert.where(), list);
                            shell.select(t);
                        }), true);
                Desktop.notify(shell, alert.title() + ": " + String.join(", ", alert.crossed()));
            });
            outcomes.addListener(o -> d.viewModel().refreshNow());
            logFirstCounts(d);
        });
        find(screens, FleetScreen.class).ifPresent(fleet -> fleet.viewModel().setOpener(entry -> {
            Runnable toDashboard = () -> dashboard.ifPresent(shell::select);
            if (fleet.viewModel().isCurrent(entry)) {
                toDashboard.run();
            } else {
                shell.openSaved(entry.member().saved(), toDashboard);
            }
        }));
        audit.ifPresent(a -> a.viewModel().setOutcomes(outcomes));
        outcomes.addListener(outcome -> {
            Long id = outcome.auditId();
            Runnable open = id == null || audit.isEmpty() ? null : () -> {
                audit.get().viewModel().reveal(id);
                shell.select(audit.get());
            };
            audit.ifPresent(a -> a.viewModel().reload());
            shell.notice(outcome.result() == null ? "Action failed" : "Action done", outcome.summary(),
                    id == null ? null : "Open audit #" + id, open, outcome.failure() != null);
        });
    }

    private static <T extends Screen> Optional<T> find(List<Screen> screens, Class<T> type) {
        return screens.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** A desktop notification beside the in-window notice; where the platform cannot show one, the notice stays. */
    static final class Desktop {
        private Desktop() {
        }

        static void notify(ShellView shell, String text) {
            try {
                org.controlsfx.control.Notifications.create().title("Pitwall: threshold crossed").text(text)
                        .owner(shell.getScene() == null ? null : shell.getScene().getWindow())
                        .hideAfter(javafx.util.Duration.seconds(12)).showWarning();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ScreenLinks.class).debug("no desktop notification", e);
            }
        }
    }
}
