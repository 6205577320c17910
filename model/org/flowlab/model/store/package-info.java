/** Saved runs: run directories (parameters, optimiser state, metrics) and sample export. */
package org.flowlab.model.store;
