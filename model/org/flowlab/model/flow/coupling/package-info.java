/** Coupling layers: affine RealNVP couplings with checkerboard masks on lattices, and vector couplings for 2D toys. */
package org.flowlab.model.flow.coupling;
