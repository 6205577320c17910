/** The "Beyond one flow" tab: chains of flows, stochastic normalizing flows, ESS against volume. */
package org.flowlab.app.view.beyond;
