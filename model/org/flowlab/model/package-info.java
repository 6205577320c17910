/** FlowLab model layer: lattice physics, flows, training and MCMC (no JavaFX here). */
package org.flowlab.model;
