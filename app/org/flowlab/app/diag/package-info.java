/**
 * Start-up and diagnostics: the log file, loading the PyTorch engine in the background, the
 * About box with "Copy diagnostics", and the start-up probe that times the first painted window.
 */
package org.flowlab.app.diag;
