/** FlowLab GUI: the JavaFX application, its views and the launcher. */
package org.flowlab.app;
