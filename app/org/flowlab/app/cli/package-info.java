/** The command line front end (picocli), sharing the model code with the GUI. */
package org.flowlab.app.cli;
