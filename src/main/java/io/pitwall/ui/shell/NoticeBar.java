package io.pitwall.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

/**
 * The notices under the top bar (an action that ended, a threshold crossed) as one line: the worst first (a
 * threshold crossed or an action failed, before an action done; the newest first among equals), the others behind
 * "+N more". Three thresholds crossed at once must not push the dashboard's numbers down by three banners.
 */
final class NoticeBar extends VBox {

    /** How many notices are kept behind "+N more"; an older one beyond that goes. */
    static final int KEPT = 8;
    private static final String DANGER = "danger";

    private final ToggleButton more = new ToggleButton();

    NoticeBar() {
        super(4);
        setId("notices");
        getStyleClass().add("notice-bar");
        more.setId("notices-more");
        more.getStyleClass().addAll(Styles.FLAT, "notice-more");
        more.setMnemonicParsing(false);
        more.setTooltip(new Tooltip("Show every notice, worst first"));
        more.selectedProperty().addListener((obs, was, open) -> arrange());
        arrange();
    }

    /** Adds a notice in its place (worst first, then newest) and returns its row. */
    HBox add(String title, String text, String linkText, Runnable link, boolean danger) {
        Label what = new Label(title);
        what.getStyleClass().add("notice-title");
        what.setMinWidth(Label.USE_PREF_SIZE);
        Label detail = new Label(text);
        // One line however long: the whole text is in the tooltip, the row's height stays one line's.
        detail.setWrapText(false);
        detail.setTextOverrun(OverrunStyle.ELLIPSIS);
        detail.setMinWidth(0);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.setTooltip(new Tooltip(title + "\n" + text));
        HBox.setHgrow(detail, Priority.ALWAYS);
        HBox notice = new HBox(12, new FontIcon(danger ? MaterialDesignA.ALERT : MaterialDesignD.DATABASE_CHECK), what, detail);
        notice.getStyleClass().addAll("notice", danger ? "notice-danger" : "notice-success");
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.setUserData(danger ? DANGER : null);
        if (link != null) {
            Button open = new Button(linkText);
            open.getStyleClass().add("notice-link");
            open.setMnemonicParsing(false);
            open.setOnAction(e -> {
                remove(notice);
                link.run();
            });
            notice.getChildren().add(open);
        }
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "notice-close");
        close.setTooltip(new Tooltip("Dismiss"));
        close.setOnAction(e -> remove(notice));
        notice.getChildren().add(close);
        int at = danger ? 0 : (int) getChildren().stream().filter(NoticeBar::isDanger).count();
        getChildren().add(at, notice);
        while (getChildren().size() > KEPT) {
            getChildren().removeLast();
        }
        arrange();
        return notice;
    }

    void remove(HBox notice) {
        getChildren().remove(notice);
        arrange();
    }

    /** The worst notice on its line; the others shown only while "+N more" is pressed. */
    private void arrange() {
        if (more.getParent() instanceof HBox row) {
            row.getChildren().remove(more);
        }
        int others = getChildren().size() - 1;
        if (others < 1) {
            more.setSelected(false);
        }
        for (int i = 0; i < getChildren().size(); i++) {
            Node row = getChildren().get(i);
            boolean shown = i == 0 || more.isSelected();
            row.setVisible(shown);
            row.setManaged(shown);
        }
        if (others >= 1 && getChildren().getFirst() instanceof HBox first) {
            more.setText(more.isSelected() ? "show fewer" : "+" + others + " more");
            first.getChildren().add(first.getChildren().size() - 1, more); // before its close button
        }
        setVisible(!getChildren().isEmpty());
        setManaged(isVisible());
    }

    private static boolean isDanger(Node notice) {
        return DANGER.equals(notice.getUserData());
    }
}
