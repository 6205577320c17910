package org.flowlab.app;

import java.util.function.Consumer;
import org.flowlab.app.prefs.AppPrefs;
import org.flowlab.app.task.AppTrainer;

/**
 * What the window gives every page when it builds it: the preferences, the application's one
 * trainer, a way to follow links and a way to show a message in the window.
 *
 * @param prefs the application preferences (recent runs, theme)
 * @param trainer the one training thread: claim, submit, release (see {@link AppTrainer})
 * @param links opens a link: {@code flowlab:<page>?...} goes to that page, anything else to the
 *     browser
 * @param messages shows a one-line message in the window's message bar
 */
public record PageContext(AppPrefs prefs, AppTrainer trainer, Consumer<String> links, Consumer<String> messages) {}
