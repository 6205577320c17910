/** Normalizing flows: priors, bijective layers, parameter sets and flow models. */
package org.flowlab.model.flow;
