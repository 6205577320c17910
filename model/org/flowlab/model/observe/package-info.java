/** Observables, exact results and statistics: ESS, autocorrelation times and error bars. */
package org.flowlab.model.observe;
