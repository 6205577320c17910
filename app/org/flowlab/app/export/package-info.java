/** Exports of a run for other tools: the PyTorch script. */
package org.flowlab.app.export;
