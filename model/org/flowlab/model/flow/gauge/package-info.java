/** Gauge-equivariant U(1) flows: plaquette-conditioned couplings of link angles. */
package org.flowlab.model.flow.gauge;
