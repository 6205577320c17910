package org.flowlab.app.prefs;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * FlowLab's preferences as JavaFX properties backed by {@link Preferences} under a versioned
 * node: the theme and the recently saved or opened runs. One instance per application (no
 * static state), so tests can use their own node.
 */
public final class AppPrefs {

    /** The default preferences node. */
    public static final String NODE = "org/flowlab/0.1";
    private static final int MAX_RECENT = 8;
    private static final String RECENT = "recentRun";

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
