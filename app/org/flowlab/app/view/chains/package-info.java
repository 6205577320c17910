/** The Markov chains tab: live HMC with its autocorrelation, critical slowing down, flow MCMC against HMC. */
package org.flowlab.app.view.chains;
