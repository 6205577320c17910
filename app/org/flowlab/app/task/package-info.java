/** Background work for the GUI: the training thread, the MCMC reference chain and throttled hand-over to the FX thread. */
package org.flowlab.app.task;
