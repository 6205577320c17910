package org.flowlab.app.prefs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * FlowLab's preferences as JavaFX properties backed by {@link Preferences} under a versioned
 * node: the theme, the zoom, the window's last bounds, the folder runs were last saved in, and
 * the recently saved or opened runs. One instance per application (no static state), so tests
 * can use their own node.
 */
public final class AppPrefs {

    /** The default preferences node. */
    public static final String NODE = "org/flowlab/0.1";

    private static final int MAX_RECENT = 8;
    private static final String RECENT = "recentRun";

    private static final String LAST_RUN_FOLDER = "lastRunFolder";
    private static final String BOUNDS = "windowBounds";
    private static final String ZOOM = "zoom";

    /**
     * The window's last position and size.
     *
     * @param x left edge
     * @param y top edge
     * @param width width
     * @param height height
     * @param maximized whether it was maximised
     */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {}

    private final Preferences prefs;
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final ObservableList<Path> recentRuns = FXCollections.observableArrayList();

    /**
     * Opens preferences under a node path.
     *
     * @param node e.g. {@link #NODE}
     */
    public AppPrefs(String node) {
        this.prefs = Preferences.userRoot().node(node);
        dark.set(prefs.getBoolean("darkTheme", false));
        dark.addListener((o, was, now) -> prefs.putBoolean("darkTheme", now));
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = prefs.get(RECENT + i, null);
            if (p != null && !p.isBlank()) {
                recentRuns.add(Path.of(p));
            }
        }
    }

    /**
     * Whether the dark theme is chosen.
     *
     * @return the property (persisted)
     */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /**
     * The window's saved bounds.
     *
     * @return them, or null when none are saved (or they are unreadable)
     */
    public WindowBounds windowBounds() {
        String text = prefs.get(BOUNDS, null);
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        try {
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                v[i] = Double.parseDouble(parts[i]);
                if (!Double.isFinite(v[i])) {
                    return null;
                }
            }
            return new WindowBounds(v[0], v[1], v[2], v[3], parts.length > 4 && Boolean.parseBoolean(parts[4]));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * Saves the window's bounds.
     *
     * @param b the bounds
     */
    public void setWindowBounds(WindowBounds b) {
        prefs.put(BOUNDS, b.x() + "," + b.y() + "," + b.width() + "," + b.height() + "," + b.maximized());
        flush();
    }

    /** Forgets the window's bounds and zoom (a fresh start). */
    public void clearWindow() {
        prefs.remove(BOUNDS);
        prefs.remove(ZOOM);
        flush();
    }

    /**
     * The zoom factor of the window's fonts (1 is normal).
     *
     * @return the zoom
     */
    public double zoom() {
        double z = prefs.getDouble(ZOOM, 1);
        return Double.isFinite(z) && z > 0 ? z : 1;
    }

    /**
     * Saves the zoom factor.
     *
     * @param zoom the zoom
     */
    public void setZoom(double zoom) {
        prefs.putDouble(ZOOM, zoom);
        flush();
    }

    /**
     * The folder the last run was saved in.
     *
     * @return it, or null
     */
    public Path lastRunFolder() {
        String p = prefs.get(LAST_RUN_FOLDER, null);
        try {
            return p == null || p.isBlank() ? null : Path.of(p);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * Remembers the folder a run was saved in.
     *
     * @param folder the folder
     */
    public void setLastRunFolder(Path folder) {
        prefs.put(LAST_RUN_FOLDER, folder.toAbsolutePath().normalize().toString());
        flush();
    }

    private void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: a failed flush only loses this setting
        }
    }

    /**
     * Recent run directories, most recent first.
     *
     * @return the list (change it through {@link #addRecentRun})
     */
    public ObservableList<Path> recentRuns() {
        return recentRuns;
    }

    /**
     * Puts a run directory at the top of the recent runs and persists the list.
     *
     * @param dir the run directory
     */
    public void addRecentRun(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentRuns);
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX_RECENT) {
            list.remove(list.size() - 1);
        }
        recentRuns.setAll(list);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                prefs.put(RECENT + i, list.get(i).toString());
            } else {
                prefs.remove(RECENT + i);
            }
        }
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: a failed flush only loses the recent list
        }
    }
}
