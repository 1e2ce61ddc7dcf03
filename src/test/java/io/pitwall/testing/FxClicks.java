package io.pitwall.testing;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Clicks that find their target on the FX thread. TestFX's clickOn(query) computes node bounds on the test
 * thread; bounds computation writes JavaFX's cached-bounds state, so while live screens (charts, polling
 * tables) re-layout it can corrupt the scene graph and break every later UI test. Here the node and its
 * centre are found on the FX thread, and the robot only clicks a screen point.
 */
public final class FxClicks {

    private FxClicks() {
    }

    public static FxRobotInterface click(FxRobot robot, String query) {
        return click(robot, () -> visible(robot, query));
    }

    public static FxRobotInterface click(FxRobot robot, Node node) {
        return click(robot, () -> node);
    }

    /** Clicks the node's centre; later write() calls type into the node's window, as after clickOn(query). */
    public static FxRobotInterface click(FxRobot robot, Supplier<Node> node) {
        Target target = locate(node);
        robot.targetWindow(target.window());
        return robot.clickOn(target.center(), MouseButton.PRIMARY);
    }

    public static FxRobotInterface moveTo(FxRobot robot, Node node) {
        Target target = locate(() -> node);
        robot.targetWindow(target.window());
        return robot.moveTo(target.center());
    }

    private record Target(Point2D center, Window window) {
    }

    private static Node visible(FxRobot robot, String query) {
        return robot.lookup(query).match(NodeQueryUtils.isVisible()).query();
    }

    private static Target locate(Supplier<Node> node) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                Node target = node.get();
                Bounds bounds = target.localToScreen(target.getBoundsInLocal());
                return new Target(new Point2D(bounds.getCenterX(), bounds.getCenterY()), target.getScene().getWindow());
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot locate the node to click", e);
        }
    }
}
