/** User preferences backed by java.util.prefs: theme and recent runs. */
package org.flowlab.app.prefs;
