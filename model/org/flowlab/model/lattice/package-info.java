/** Lattice geometry and the target theories (phi^4, U(1) gauge, toy densities) with their actions. */
package org.flowlab.model.lattice;
