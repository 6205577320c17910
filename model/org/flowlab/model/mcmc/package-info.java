/** Markov chain Monte Carlo: HMC and flow-based independence Metropolis. */
package org.flowlab.model.mcmc;
