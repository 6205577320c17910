/**
 * Autocorrelation scans and the chains behind them: HMC and flow-MCMC chains for U(1), the
 * freezing of the topological charge along beta, critical slowing down of the free field, the
 * energy violation against the step size, a live chain, and the shipped pre-trained gauge flows.
 */
package org.flowlab.model.scan;
