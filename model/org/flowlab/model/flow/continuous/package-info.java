/** Continuous flows: velocity fields with exact divergence, ODE integrators, the adjoint-state method. */
package org.flowlab.model.flow.continuous;
