/** Lecture panes: Markdown with math, rendered in JavaFX. */
package org.flowlab.app.lecture;
