package io.pitwall.testing;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
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
        return robot.clickOn(center(() -> visible(robot, query)), MouseButton.PRIMARY);
    }

    public static FxRobotInterface click(FxRobot robot, Node node) {
        return robot.clickOn(center(() -> node), MouseButton.PRIMARY);
    }

    public static FxRobotInterface click(FxRobot robot, Supplier<Node> node) {
        return robot.clickOn(center(node), MouseButton.PRIMARY);
    }

    public static FxRobotInterface moveTo(FxRobot robot, Node node) {
        return robot.moveTo(center(() -> node));
    }

    private static Node visible(FxRobot robot, String query) {
        return robot.lookup(query).match(NodeQueryUtils.isVisible()).query();
    }

    private static Point2D center(Supplier<Node> node) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                Node target = node.get();
                Bounds bounds = target.localToScreen(target.getBoundsInLocal());
                return new Point2D(bounds.getCenterX(), bounds.getCenterY());
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot locate the node to click", e);
        }
    }
}
