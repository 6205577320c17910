/** The Lab tab: one training run with its curves, pictures and run files. */
package org.flowlab.app.view.lab;
