/**
 * Beyond one flow: chains of flows along a coupling (annealing), stochastic normalizing flows
 * with Monte Carlo updates between the flows, free energies from the accumulated weights, and
 * the transfer of trained flows to other volumes and couplings.
 */
package org.flowlab.model.anneal;
